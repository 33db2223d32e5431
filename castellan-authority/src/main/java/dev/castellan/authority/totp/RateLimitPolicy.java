package dev.castellan.authority.totp;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff after consecutive failures, for one kind of key (operators or devices).
 * After {@code maxFailures} consecutive failures the key is locked for {@code initialLockout};
 * every further failure doubles the lockout, up to {@code maxLockout}. A success resets the
 * count. Failures are forgotten once {@code failureMemory} has passed since the last one and no
 * lockout is running.
 *
 * <p>At most {@code maxTracked} keys are tracked. When the table is full and no entry can be
 * forgotten, an attempt for a new key is answered {@code rate_limited} without checking the
 * code (fail closed): an attacker who fills the table locks out new keys, never unlocks them.
 *
 * @param maxFailures consecutive failures before the first lockout, 1..100
 * @param initialLockout the first lockout, 1 s..1 h
 * @param maxLockout the cap of the doubling, initialLockout..24 h
 * @param failureMemory how long failures are remembered, maxLockout..7 days
 * @param maxTracked keys tracked at once, 1..1,000,000
 */
public record RateLimitPolicy(
    int maxFailures, Duration initialLockout, Duration maxLockout, Duration failureMemory, int maxTracked) {
  public static final int MAX_TRACKED_LIMIT = 1_000_000;

  public RateLimitPolicy {
    Objects.requireNonNull(initialLockout, "initialLockout");
    Objects.requireNonNull(maxLockout, "maxLockout");
    Objects.requireNonNull(failureMemory, "failureMemory");
    if (maxFailures < 1 || maxFailures > 100) {
      throw new IllegalArgumentException("maxFailures must be 1..100, not " + maxFailures);
    }
    if (initialLockout.compareTo(Duration.ofSeconds(1)) < 0 || initialLockout.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("initialLockout must be 1 s..1 h");
    }
    if (maxLockout.compareTo(initialLockout) < 0 || maxLockout.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException("maxLockout must be initialLockout..24 h");
    }
    if (failureMemory.compareTo(maxLockout) < 0 || failureMemory.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("failureMemory must be maxLockout..7 days");
    }
    if (maxTracked < 1 || maxTracked > MAX_TRACKED_LIMIT) {
      throw new IllegalArgumentException("maxTracked must be 1.." + MAX_TRACKED_LIMIT + ", not " + maxTracked);
    }
  }

  /** 5 failures, then 30 s doubling to 15 min; failures remembered 1 h; 10,000 keys. */
  public static RateLimitPolicy defaults() {
    return new RateLimitPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1), 10_000);
  }

  public RateLimitPolicy withMaxTracked(int value) {
    return new RateLimitPolicy(maxFailures, initialLockout, maxLockout, failureMemory, value);
  }

  /** The lockout after {@code failures} consecutive failures; zero below {@code maxFailures}. */
  public Duration lockoutAfter(int failures) {
    if (failures < maxFailures) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - maxFailures, 30);
    Duration lockout = initialLockout;
    for (int i = 0; i < doublings && lockout.compareTo(maxLockout) < 0; i++) {
      lockout = lockout.multipliedBy(2);
    }
    return lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout;
  }
}
