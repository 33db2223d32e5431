package dev.castellan.cli;

/**
 * A failure a command reports as one line, {@code castellan <cmd>: <message>}, with its
 * {@link ErrorKind}. The message is written for people: it names what failed and why, in
 * {@code Locale.ROOT}, and never holds a secret or unescaped bytes from outside.
 */
public class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;

  public CliException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }
}
