package dev.castellan.transport.internal;

import dev.castellan.transport.TimedOutException;
import java.time.Duration;

/** A point in monotonic time by which one operation must finish. */
public final class Deadline {
  private final String operation;
  private final Duration budget;
  private final long expiresAtNanos;

  private Deadline(String operation, Duration budget) {
    this.operation = operation;
    this.budget = budget;
    this.expiresAtNanos = System.nanoTime() + budget.toNanos();
  }

  /** A deadline {@code budget} from now for {@code operation}. */
  public static Deadline after(String operation, Duration budget) {
    return new Deadline(operation, budget);
  }

  /** Milliseconds left, at least 1; throws once the deadline has passed. */
  public int remainingMillis() throws TimedOutException {
    long left = expiresAtNanos - System.nanoTime();
    if (left <= 0) {
      throw expired();
    }
    return (int) Math.clamp((left + 999_999) / 1_000_000, 1, Integer.MAX_VALUE);
  }

  /** The exception for this deadline having passed. */
  public TimedOutException expired() {
    return new TimedOutException(operation, budget);
  }
}
