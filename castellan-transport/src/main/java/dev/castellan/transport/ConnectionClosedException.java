package dev.castellan.transport;

/**
 * The connection or listener is closed: the peer closed cleanly between frames, or this side
 * closed it. Distinct from {@link TruncatedFrameException}, a close inside a frame.
 */
public final class ConnectionClosedException extends TransportException {
  /** A close described by {@code message}. */
  public ConnectionClosedException(String message) {
    super(message);
  }
}
