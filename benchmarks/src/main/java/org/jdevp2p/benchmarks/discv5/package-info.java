/**
 * discv5 benchmarks: {@code PingBenchmark} (round trips on an established session, one at a time
 * and 16 in flight), {@code HandshakeBenchmark} (full handshakes with fresh identities, one and two
 * at a time), each for our node and Teku's library by a JMH {@code @Param}; {@code
 * Discv5Comparison} runs them and prints the ratio. Public only as JMH requires.
 */
package org.jdevp2p.benchmarks.discv5;
