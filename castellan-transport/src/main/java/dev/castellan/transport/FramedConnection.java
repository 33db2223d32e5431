package dev.castellan.transport;

/**
 * A connection that carries bounded frames (see {@link Frames}) and knows its peer.
 *
 * <p>Contract: {@code send} and {@code receive} MAY be called at the same time from two
 * threads; concurrent calls of one of them are serialised. A receive or send that fails with
 * anything but {@link EmptyFrameException} or {@link FrameTooLargeException} on send closes
 * the connection, since the position in the stream is lost. {@link #peer()} is established
 * before the connection is returned and MUST NOT change.
 */
public interface FramedConnection extends AutoCloseable {
  /** Sends {@code body} as one frame, within the write deadline. */
  void send(byte[] body) throws TransportException;

  /**
   * The next frame's body, within the read deadline. Throws {@link ConnectionClosedException}
   * when the peer closed between frames, {@link TruncatedFrameException} inside one,
   * {@link FrameTooLargeException} before allocating an oversized body, and
   * {@link TimedOutException} when the deadline passes.
   */
  byte[] receive() throws TransportException;

  /** Who the peer is, as the operating system or TLS handshake established it. */
  PeerIdentity peer();

  /** Closes the connection; idempotent; wakes a blocked {@code receive} or {@code send}. */
  @Override
  void close();
}
