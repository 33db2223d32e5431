package dev.castellan.transport;

/**
 * The transport cannot work on this host (no AF_VSOCK support, an unsupported platform). The
 * message says what is missing; it is never reported as success.
 */
public final class TransportUnavailableException extends TransportException {
  /** What is missing, as {@code message}. */
  public TransportUnavailableException(String message) {
    super(message);
  }
}
