package dev.castellan.runtime.forward;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A forwarder's limits. {@link #DEFAULTS}: 64 KiB buffers, 256 connections, 10 s to connect to
 * the target, 5 minutes idle.
 *
 * <p>Memory: each relayed connection holds two buffers of {@code bufferSize} bytes (one per
 * direction), so at most {@code 2 × bufferSize × maximumConnections} bytes are in flight
 * (32 MiB at the defaults); direct buffers are reused from a pool of at most
 * {@link #POOLED_BUFFERS}.
 *
 * @param bufferSize bytes read from one side before they are written to the other, 1 KiB to 16 MiB
 * @param maximumConnections connections relayed at once; one accepted beyond it is closed at
 *     once (refused, counted), never queued, so a client learns at once that the forwarder is
 *     full rather than waiting unseen in a backlog
 * @param connectTimeout the longest the connect to the target may take (TCP; a vsock connect
 *     is bounded by the kernel's own timeout, a Unix connect is immediate)
 * @param idleTimeout a connection with no byte in either direction for this long is closed;
 *     {@link Duration#ZERO} for none
 */
public record ForwardOptions(int bufferSize, int maximumConnections, Duration connectTimeout, Duration idleTimeout) {
  /** The largest buffer: 16 MiB. */
  public static final int BUFFER_SIZE_LIMIT = 16 * 1024 * 1024;
  /** The most connections one forwarder relays at once. */
  public static final int CONNECTION_LIMIT = 16_384;
  /** Direct buffers kept for reuse after their connection ends. */
  public static final int POOLED_BUFFERS = 64;
  /** 64 KiB buffers, 256 connections, 10 s connect timeout, 5 min idle timeout. */
  public static final ForwardOptions DEFAULTS =
      new ForwardOptions(64 * 1024, 256, Duration.ofSeconds(10), Duration.ofMinutes(5));

  /** Checks each limit is in range. */
  public ForwardOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (bufferSize < 1024 || bufferSize > BUFFER_SIZE_LIMIT) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "buffer size %d is outside 1024..%d bytes", bufferSize, BUFFER_SIZE_LIMIT));
    }
    if (maximumConnections < 1 || maximumConnections > CONNECTION_LIMIT) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "maximum connections %d is outside 1..%d", maximumConnections, CONNECTION_LIMIT));
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("the connect timeout must be positive");
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("the idle timeout must not be negative (0 for none)");
    }
  }

  public ForwardOptions withBufferSize(int bytes) {
    return new ForwardOptions(bytes, maximumConnections, connectTimeout, idleTimeout);
  }

  public ForwardOptions withMaximumConnections(int connections) {
    return new ForwardOptions(bufferSize, connections, connectTimeout, idleTimeout);
  }

  public ForwardOptions withConnectTimeout(Duration timeout) {
    return new ForwardOptions(bufferSize, maximumConnections, timeout, idleTimeout);
  }

  public ForwardOptions withIdleTimeout(Duration timeout) {
    return new ForwardOptions(bufferSize, maximumConnections, connectTimeout, timeout);
  }
}
