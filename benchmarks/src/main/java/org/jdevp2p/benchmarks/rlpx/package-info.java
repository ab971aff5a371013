/**
 * JMH benchmarks of the RLPx transport: complete handshakes per second over loopback TCP and frame
 * encode + decode throughput. Results and the command that made them: docs/benchmarks.md.
 */
package org.jdevp2p.benchmarks.rlpx;
