package dev.castellan.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration MIN = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofSeconds(60);

  @Test
  void pause_doublesPerFailure_upToTheMaximum() {
    assertThat(Backoff.pause(1, MIN, MAX, 0, 0.999999)).isEqualTo(Duration.ofMillis(999));
    assertThat(Backoff.pause(2, MIN, MAX, 0, 0.999999)).isEqualTo(Duration.ofMillis(1999));
    assertThat(Backoff.pause(4, MIN, MAX, 0, 0.999999)).isEqualTo(Duration.ofMillis(7999));
    assertThat(Backoff.pause(1_000_000, MIN, MAX, 0, 0.999999)).isEqualTo(Duration.ofMillis(59_999));
  }

  @Test
  void pause_jitter_isNeverBelowHalf() {
    assertThat(Backoff.pause(3, MIN, MAX, 0, 0)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void pause_honoursRetryAfter_cappedAtTheMaximum() {
    assertThat(Backoff.pause(1, MIN, MAX, 5, 0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(Backoff.pause(1, MIN, MAX, 3600, 0)).isEqualTo(MAX);
    assertThat(Backoff.pause(6, MIN, MAX, 5, 0.999999)).as("the doubled pause when it is longer")
        .isEqualTo(Duration.ofMillis(31_999));
  }
}
