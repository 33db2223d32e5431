package dev.castellan.transport;

/**
 * The peer failed authentication (a TLS certificate that is not pinned, a protocol other than
 * TLS 1.3, no client certificate) or refused ours. No frame was exchanged with it.
 */
public final class PeerRefusedException extends TransportException {
  /** A refusal described by {@code message}. */
  public PeerRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
