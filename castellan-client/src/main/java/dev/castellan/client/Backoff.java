package dev.castellan.client;

import java.time.Duration;

/**
 * The pause before the next attempt after {@code failures} consecutive failures: {@code min}
 * doubled per failure up to {@code max}, jittered down to as little as half (so subscribers
 * that failed together do not retry together), and never shorter than the server's {@code
 * Retry-After} (itself capped at {@code max}). A pure function.
 */
final class Backoff {
  private Backoff() {}

  /**
   * @param failures consecutive failures so far, at least 1
   * @param fraction the jitter, in [0, 1): 0 gives half the doubled pause, near 1 all of it
   */
  static Duration pause(int failures, Duration min, Duration max, long retryAfterSeconds, double fraction) {
    Duration doubled = min;
    for (int i = 1; i < failures && doubled.compareTo(max) < 0; i++) {
      doubled = doubled.multipliedBy(2);
    }
    long millis = (doubled.compareTo(max) > 0 ? max : doubled).toMillis();
    Duration jittered = Duration.ofMillis(millis / 2 + (long) (millis / 2.0 * fraction));
    Duration asked = Duration.ofSeconds(Math.min(Math.max(0, retryAfterSeconds), max.toSeconds()));
    return asked.compareTo(jittered) > 0 ? asked : jittered;
  }
}
