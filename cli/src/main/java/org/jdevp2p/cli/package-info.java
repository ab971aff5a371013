/**
 * The devp2p command line (picocli): one class per command, all registered in {@link
 * org.jdevp2p.cli.Devp2pCommand}, the only public type. Failures become one line on stderr and exit
 * code 1 ({@code Failures}); {@code --verbose} adds the stack trace.
 */
package org.jdevp2p.cli;
