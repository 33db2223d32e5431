package dev.castellan.cli;

import java.util.Locale;

/**
 * The stable set of error kinds a command reports, in text and as {@code error.kind} in
 * {@code --json} output (docs/log.md, "Errors and exit codes"). Scripts may rely on these
 * names and exit codes; new kinds are only ever added.
 */
public enum ErrorKind {
  /** The command line is wrong: unknown command or option, missing or bad value. Exit 2. */
  USAGE(2),
  /** A file cannot be read or written: it does not exist, is a directory, is not readable, is too large. */
  FILE(1),
  /** A server could not be reached or did not answer as expected. */
  NETWORK(1),
  /** Something was checked and is wrong: a signature, a proof, a checkpoint, evidence. */
  VERIFICATION(1),
  /** The operation could not be done for another stated reason (no such record, log busy, ...). */
  OPERATION(1),
  /** A bug: an unexpected exception, reported by type only. */
  INTERNAL(1);

  /** Exit code of a failed verification or operation. */
  public static final int FAILURE = 1;
  /** Exit code of a usage error. */
  public static final int USAGE_EXIT = 2;

  private final int exitCode;

  ErrorKind(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The name in JSON output: {@code usage}, {@code file}, ... */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
