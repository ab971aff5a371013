package org.jdevp2p.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "dev" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"devp2p " + version()};
  }

  /** The client id our Hello carries, geth style: name/version/runtime. */
  static String clientId() {
    return "jdevp2p/" + version() + "/java" + Runtime.version().feature();
  }

  private static String version() {
    String v = Devp2pCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
