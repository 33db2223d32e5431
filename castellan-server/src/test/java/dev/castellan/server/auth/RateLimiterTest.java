package dev.castellan.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.server.http.HttpError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private Instant now = Instant.parse("2026-12-03T12:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void burstThen429WithRetryAfter_thenRefilled() throws Exception {
    RateLimiter limiter = new RateLimiter(0.5, 3, 100, clock);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("jti-1");
    }
    assertThatThrownBy(() -> limiter.acquire("jti-1")).isInstanceOfSatisfying(HttpError.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.type()).isEqualTo("rate_limited");
      assertThat(e.retryAfterSeconds()).isEqualTo(2); // one request per 2 s
    });
    limiter.acquire("jti-2"); // another token has its own bucket
    now = now.plus(Duration.ofSeconds(2));
    limiter.acquire("jti-1");
    assertThatThrownBy(() -> limiter.acquire("jti-1")).isInstanceOf(HttpError.class);
  }

  @Test
  void boundedKeys_forgetTheQuietestFirst() throws Exception {
    RateLimiter limiter = new RateLimiter(1, 1, 2, clock);
    limiter.acquire("a");
    limiter.acquire("b");
    assertThatThrownBy(() -> limiter.acquire("a")).isInstanceOf(HttpError.class); // a is now the most recent
    limiter.acquire("c"); // evicts b, the least recently used
    assertThatThrownBy(() -> limiter.acquire("a")).as("a is still tracked").isInstanceOf(HttpError.class);
    limiter.acquire("b"); // b was forgotten and starts full
  }

  @Test
  void invalidLimits_refused() {
    assertThatThrownBy(() -> new RateLimiter(0, 1, 1, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, 0, 1, clock)).isInstanceOf(IllegalArgumentException.class);
  }
}
