package dev.castellan.authority.entropy;

import java.time.Duration;
import java.util.Objects;

/**
 * How cryptod's {@link EntropyReseeder} judges entropyd's chunks and waits for entropyd.
 *
 * @param maxSkew how far a publication's {@code timestamp} may be from cryptod's clock, either
 *     way, 1 s..10 min; default 2 min
 * @param initialBackoff the wait before reconnecting after entropyd was unavailable or a chunk
 *     was rejected, doubled on each failure in a row, 10 ms..{@code maxBackoff}; default 1 s
 * @param maxBackoff the longest wait, at most 10 min; default 1 min
 * @param nonceCacheEntries nonces remembered to refuse a replay, each until its publication's
 *     timestamp is {@code maxSkew} old (older ones are refused for their time anyway), 16..100,000.
 *     Default 4,096: entropyd's fastest rate on one connection (one chunk per 100 ms) over the
 *     longest a nonce must be kept (2 × 2 min) is 2,400.
 */
public record ReseedOptions(Duration maxSkew, Duration initialBackoff, Duration maxBackoff, int nonceCacheEntries) {
  private static final Duration LIMIT = Duration.ofMinutes(10);

  public ReseedOptions {
    Objects.requireNonNull(maxSkew, "maxSkew");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxSkew.compareTo(Duration.ofSeconds(1)) < 0 || maxSkew.compareTo(LIMIT) > 0) {
      throw new IllegalArgumentException("maxSkew must be 1 s to 10 min");
    }
    if (initialBackoff.compareTo(Duration.ofMillis(10)) < 0 || initialBackoff.compareTo(maxBackoff) > 0
        || maxBackoff.compareTo(LIMIT) > 0) {
      throw new IllegalArgumentException("backoff must be 10 ms <= initialBackoff <= maxBackoff <= 10 min");
    }
    if (nonceCacheEntries < 16 || nonceCacheEntries > 100_000) {
      throw new IllegalArgumentException("nonceCacheEntries must be 16..100000");
    }
  }

  /** Skew 2 min, backoff 1 s doubling to 1 min, 4,096 nonces. */
  public static ReseedOptions defaults() {
    return new ReseedOptions(Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(1), 4096);
  }

  public ReseedOptions withBackoff(Duration initial, Duration max) {
    return new ReseedOptions(maxSkew, initial, max, nonceCacheEntries);
  }
}
