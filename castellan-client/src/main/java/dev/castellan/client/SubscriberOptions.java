package dev.castellan.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RevocationSubscriber} polls. Defaults ({@link #defaults()}): each request asks
 * the oracle to hold it 25 s (the oracle's own default hold; it caps a longer one), allows 10 s
 * more to connect and answer, and after a failure waits 1 s, doubling up to 60 s.
 *
 * @param pollWait the {@code wait} each long poll asks for: 1 to 60 s (the HTTP API's bound)
 * @param grace the connect timeout, and how much longer than {@code pollWait} a request may take
 * @param minBackoff the pause after the first failure (1 s to {@code maxBackoff})
 * @param maxBackoff the longest pause between failed attempts (at most 10 min; a revocation list
 *     is needed at least every 10 min, so a longer pause would only make the verifier stale)
 * @param clock the {@code now} lists are verified at
 */
public record SubscriberOptions(Duration pollWait, Duration grace, Duration minBackoff, Duration maxBackoff, Clock clock) {
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  public SubscriberOptions {
    within("pollWait", pollWait, Duration.ofSeconds(1), MAX_WAIT);
    within("grace", grace, Duration.ofSeconds(1), Duration.ofMinutes(1));
    within("maxBackoff", maxBackoff, Duration.ofSeconds(1), MAX_BACKOFF);
    within("minBackoff", minBackoff, Duration.ofMillis(1), maxBackoff);
    Objects.requireNonNull(clock, "clock");
    if (pollWait.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("pollWait must be whole seconds");
    }
  }

  public static SubscriberOptions defaults() {
    return new SubscriberOptions(
        Duration.ofSeconds(25), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60), Clock.systemUTC());
  }

  public SubscriberOptions withPollWait(Duration value) {
    return new SubscriberOptions(value, grace, minBackoff, maxBackoff, clock);
  }

  public SubscriberOptions withBackoff(Duration min, Duration max) {
    return new SubscriberOptions(pollWait, grace, min, max, clock);
  }

  public SubscriberOptions withClock(Clock value) {
    return new SubscriberOptions(pollWait, grace, minBackoff, maxBackoff, value);
  }

  private static void within(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
  }
}
