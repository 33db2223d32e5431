package dev.castellan.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar manifest by the build, plus the JVM it runs on. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "castellan " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")",
    };
  }
}
