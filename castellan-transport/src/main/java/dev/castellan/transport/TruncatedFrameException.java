package dev.castellan.transport;

import java.util.Locale;

/**
 * The peer closed the connection inside a frame: after part of the 4-byte header or before
 * the whole body. A close between frames is a {@link ConnectionClosedException} instead.
 */
public final class TruncatedFrameException extends TransportException {
  private final String part;
  private final long expected;
  private final long received;

  /** End of stream in {@code part} ("header" or "body") after {@code received} of {@code expected} bytes. */
  public TruncatedFrameException(String part, long expected, long received) {
    super(String.format(Locale.ROOT, "connection closed inside a frame %s: received %d of %d bytes",
        part, received, expected));
    this.part = part;
    this.expected = expected;
    this.received = received;
  }

  /** "header" or "body". */
  public String part() {
    return part;
  }

  /** Bytes the part needed. */
  public long expected() {
    return expected;
  }

  /** Bytes that arrived before the end of stream. */
  public long received() {
    return received;
  }
}
