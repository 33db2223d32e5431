package dev.castellan.transport;

/**
 * Something went wrong on a point-to-point connection. Subclasses name the condition; every
 * message says what was wrong and MUST NOT contain payload bytes.
 */
public class TransportException extends Exception {
  /** A failure described by {@code message}. */
  public TransportException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
