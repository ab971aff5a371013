package org.jdevp2p.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "dev" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Devp2pCommand.class.getPackage().getImplementationVersion();
    return new String[] {"devp2p " + (v == null ? "dev" : v)};
  }
}
