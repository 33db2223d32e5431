package dev.castellan.server.auth;

import dev.castellan.server.http.HttpError;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per credential (token id): {@code burst} requests at once, refilled at
 * {@code perSecond}. A spent bucket is a 429 whose {@code Retry-After} is when one request
 * is available again. At most {@code maxKeys} buckets are kept; the least recently used
 * is dropped first, which only ever forgets a bucket whose credential has been quiet
 * longest (a dropped bucket restarts full, so the cap bounds memory, not security: the
 * tokens themselves live minutes).
 */
public final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final Clock clock;
  private final Map<String, double[]> buckets; // {tokens, last refill in nanos of the clock}

  public RateLimiter(double perSecond, int burst, int maxKeys, Clock clock) {
    if (!(perSecond > 0) || burst < 1 || maxKeys < 1) {
      throw new IllegalArgumentException("rate limit needs perSecond > 0, burst >= 1, maxKeys >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
        return size() > maxKeys;
      }
    };
  }

  /** Takes one request from {@code key}'s bucket, or throws a 429 saying when to retry. */
  public synchronized void acquire(String key) throws HttpError {
    double now = clock.millis() / 1000.0;
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
    bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond);
    bucket[1] = now;
    if (bucket[0] < 1) {
      long wait = (long) Math.ceil((1 - bucket[0]) / perSecond);
      throw HttpError.rateLimited(Math.max(1, wait));
    }
    bucket[0] -= 1;
  }

  /** For messages and docs: "10/s, burst 20". */
  @Override
  public String toString() {
    return perSecond + "/s, burst " + (long) burst;
  }
}
