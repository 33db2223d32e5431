package dev.castellan.log;

/**
 * The root of the log's checked exceptions: every security condition found by the log (a
 * proof that does not verify, a note that is malformed or unsigned, a stored record that was
 * changed) is one of its subclasses, so a caller can catch them together and fail closed.
 *
 * <p>Messages are written in {@link java.util.Locale#ROOT}, say what was wrong, and never
 * contain the bytes that were presented (which may come from an attacker) or secrets.
 */
public class LogException extends Exception {
  private static final long serialVersionUID = 1L;

  public LogException(String message) {
    super(message);
  }

  public LogException(String message, Throwable cause) {
    super(message, cause);
  }
}
