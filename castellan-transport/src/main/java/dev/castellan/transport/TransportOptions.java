package dev.castellan.transport;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The limits every connection and listener enforces. {@link #DEFAULTS}: frames of at most
 * 64 KiB, 10 s to receive or send one frame, 64 connections served at once per listener.
 *
 * @param maximumFrameSize the largest frame body accepted or sent, 1 to {@link #FRAME_SIZE_LIMIT}
 * @param readDeadline the longest one {@code receive()} may take, from its call to the frame's
 *     last byte (so it also bounds an idle peer)
 * @param writeDeadline the longest one {@code send()} may take (a peer that does not read)
 * @param maximumConnections connections a listener serves at once; {@code accept()} waits for
 *     a served connection to close before taking another
 */
public record TransportOptions(
    int maximumFrameSize, Duration readDeadline, Duration writeDeadline, int maximumConnections) {
  /** The hard ceiling on {@code maximumFrameSize}: 16 MiB, so one frame is one bounded array. */
  public static final int FRAME_SIZE_LIMIT = 16 * 1024 * 1024;
  /** The hard ceiling on {@code maximumConnections}. */
  public static final int CONNECTION_LIMIT = 4096;
  /** 64 KiB frames, 10 s deadlines, 64 connections. */
  public static final TransportOptions DEFAULTS =
      new TransportOptions(64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(10), 64);

  /** Checks every limit is positive and under its ceiling. */
  public TransportOptions {
    Objects.requireNonNull(readDeadline, "readDeadline");
    Objects.requireNonNull(writeDeadline, "writeDeadline");
    check("maximumFrameSize", maximumFrameSize, FRAME_SIZE_LIMIT);
    check("maximumConnections", maximumConnections, CONNECTION_LIMIT);
    if (readDeadline.isNegative() || readDeadline.isZero()
        || writeDeadline.isNegative() || writeDeadline.isZero()) {
      throw new IllegalArgumentException("deadlines must be positive");
    }
  }

  /** These options with another maximum frame size. */
  public TransportOptions withMaximumFrameSize(int bytes) {
    return new TransportOptions(bytes, readDeadline, writeDeadline, maximumConnections);
  }

  /** These options with another read deadline. */
  public TransportOptions withReadDeadline(Duration deadline) {
    return new TransportOptions(maximumFrameSize, deadline, writeDeadline, maximumConnections);
  }

  /** These options with another write deadline. */
  public TransportOptions withWriteDeadline(Duration deadline) {
    return new TransportOptions(maximumFrameSize, readDeadline, deadline, maximumConnections);
  }

  /** These options with another connection limit. */
  public TransportOptions withMaximumConnections(int connections) {
    return new TransportOptions(maximumFrameSize, readDeadline, writeDeadline, connections);
  }

  private static void check(String name, int value, int ceiling) {
    if (value < 1 || value > ceiling) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s %d is outside 1..%d", name, value, ceiling));
    }
  }
}
