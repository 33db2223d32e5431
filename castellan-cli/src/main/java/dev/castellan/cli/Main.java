package dev.castellan.cli;

import picocli.CommandLine;

/** Entry point of the {@code castellan} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // One line per event, before any logger exists: "09:14:27 INFO measured nitro launch state: ...".
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; used by tests without exiting the JVM. */
  public static int run(String... args) {
    return CastellanCommand.commandLine().execute(args);
  }
}
