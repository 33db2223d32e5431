package dev.castellan.keys.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefusalThrottleTest {
  static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
  static final RefusalThrottle.Kind KIND = new RefusalThrottle.Kind("k", "release", "broker.challenge-unknown");

  private static int admitRecorded(RefusalThrottle throttle, RefusalThrottle.Kind kind, int n, Instant at) {
    int recorded = 0;
    for (int i = 0; i < n; i++) {
      if (throttle.admit(kind, at).record()) {
        recorded++;
      }
    }
    return recorded;
  }

  @Test
  void aFlood_isRecordedForTheFirstTenAndCountedForTheRest() {
    RefusalThrottle throttle = new RefusalThrottle();
    assertThat(admitRecorded(throttle, KIND, 25, T0)).isEqualTo(RefusalThrottle.RECORDED_PER_WINDOW);
    assertThat(throttle.due(T0.plusSeconds(59), false)).as("the window is still open").isEmpty();

    assertThat(throttle.due(T0.plus(RefusalThrottle.WINDOW), false))
        .containsExactly(new RefusalThrottle.Summary(KIND, T0.plus(RefusalThrottle.WINDOW), 15));
    assertThat(throttle.due(T0.plus(Duration.ofHours(1)), true)).as("counted once").isEmpty();
  }

  @Test
  void theNextRefusalAfterTheWindow_bringsTheSummaryAndIsRecordedAgain() {
    RefusalThrottle throttle = new RefusalThrottle();
    admitRecorded(throttle, KIND, 12, T0);
    RefusalThrottle.Admission next = throttle.admit(KIND, T0.plus(RefusalThrottle.WINDOW).plusSeconds(5));
    assertThat(next.record()).isTrue();
    assertThat(next.due()).isEqualTo(new RefusalThrottle.Summary(KIND, T0.plus(RefusalThrottle.WINDOW), 2));
  }

  @Test
  void kindsAreCountedApart_andAllFlushesOpenWindows() {
    RefusalThrottle throttle = new RefusalThrottle();
    RefusalThrottle.Kind other = new RefusalThrottle.Kind("k", "release", "policy.nitro.measurement");
    admitRecorded(throttle, KIND, 11, T0);
    assertThat(admitRecorded(throttle, other, 10, T0)).isEqualTo(10);
    assertThat(throttle.due(T0.plusSeconds(1), true))
        .containsExactly(new RefusalThrottle.Summary(KIND, T0.plusSeconds(1), 1));
  }

  @Test
  void aSummaryThatCouldNotBeWritten_isRestoredForTheNextFlush() {
    RefusalThrottle throttle = new RefusalThrottle();
    admitRecorded(throttle, KIND, 13, T0);
    RefusalThrottle.Summary summary = throttle.due(T0.plus(RefusalThrottle.WINDOW), false).getFirst();
    throttle.restore(summary);
    assertThat(throttle.due(T0.plus(RefusalThrottle.WINDOW.multipliedBy(2)), false))
        .extracting(RefusalThrottle.Summary::count).containsExactly(3L);
  }

  @Test
  void manyKeyIds_shareOneOverflowKindOnceTheTableIsFull() {
    RefusalThrottle throttle = new RefusalThrottle();
    for (int i = 0; i < RefusalThrottle.MAX_KINDS; i++) {
      throttle.admit(new RefusalThrottle.Kind("key-" + i, "release", "broker.key-unknown"), T0);
    }
    int recorded = 0;
    for (int i = 0; i < 100; i++) {
      if (throttle.admit(new RefusalThrottle.Kind("more-" + i, "release", "broker.key-unknown"), T0).record()) {
        recorded++;
      }
    }
    assertThat(recorded).as("new key ids beyond the table share one budget").isEqualTo(RefusalThrottle.RECORDED_PER_WINDOW);
    assertThat(throttle.due(T0.plus(RefusalThrottle.WINDOW), false)).containsExactly(new RefusalThrottle.Summary(
        new RefusalThrottle.Kind(RefusalThrottle.OVERFLOW, "release", RefusalThrottle.OVERFLOW), T0.plus(RefusalThrottle.WINDOW), 90));
  }
}
