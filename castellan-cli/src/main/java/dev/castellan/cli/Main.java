package dev.castellan.cli;

import picocli.CommandLine;

/** Entry point of the {@code castellan} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; used by tests without exiting the JVM. */
  public static int run(String... args) {
    return CastellanCommand.commandLine().execute(args);
  }
}
