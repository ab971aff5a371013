/**
 * The devp2p command line: one picocli class per command.
 *
 * <p>Public types: {@link org.jdevp2p.cli.Devp2pCommand} (the entry point).
 */
package org.jdevp2p.cli;
