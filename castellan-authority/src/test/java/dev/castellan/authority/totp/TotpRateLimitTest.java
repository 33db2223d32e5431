package dev.castellan.authority.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Backoff per operator and per device, its doubling and reset, and the fail-closed tables. */
class TotpRateLimitTest {
  final MutableClock clock = new MutableClock(TotpValidatorTest.NOW);
  final TotpParameters parameters = TotpParameters.defaults();
  int lookups;

  TotpValidator validator(TotpOptions options) {
    return new TotpValidator(
        op -> {
          lookups++;
          return Optional.of(TotpValidatorTest.SECRET);
        },
        options, clock, new SecureRandom());
  }

  String current() {
    return Totp.code(TotpValidatorTest.SECRET, clock.instant(), parameters);
  }

  String wrong() {
    String code = current();
    return code.charAt(0) == '9' ? "0" + code.substring(1) : (char) (code.charAt(0) + 1) + code.substring(1);
  }

  void fail(TotpValidator validator, String operator, String device, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      assertThat(validator.validate(operator, device, wrong()).result()).as("failure %d", i + 1).isEqualTo(TotpResult.FAIL);
    }
  }

  @Test
  void operator_fiveFailuresFromAnyDevices_lockedFor30sAndTheCodeIsNotChecked() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults());
    for (int i = 0; i < 5; i++) {
      fail(validator, "alice", "device-" + i, 1);
    }
    int before = lookups;
    TotpVerdict limited = validator.validate("alice", "device-new", current());
    assertThat(limited.result()).isEqualTo(TotpResult.RATE_LIMITED);
    assertThat(limited.result().wire()).isEqualTo("rate_limited");
    assertThat(limited.retryAt()).contains(clock.instant().plusSeconds(30));
    assertThat(lookups).as("secret looked up while rate limited").isEqualTo(before);
    assertThat(validator.validate("bob", "device-new", current()).result()).isEqualTo(TotpResult.OK);

    clock.advance(Duration.ofSeconds(29));
    assertThat(validator.validate("alice", "device-new", current()).result()).isEqualTo(TotpResult.RATE_LIMITED);
    clock.advance(Duration.ofSeconds(1));
    assertThat(validator.validate("alice", "device-new", current()).result()).isEqualTo(TotpResult.OK);
  }

  @Test
  void device_fiveFailuresForAnyOperators_locksTheDeviceOnly() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults());
    for (int i = 0; i < 5; i++) {
      fail(validator, "operator-" + i, "console-1", 1);
    }
    TotpVerdict limited = validator.validate("alice", "console-1", current());
    assertThat(limited.result()).isEqualTo(TotpResult.RATE_LIMITED);
    assertThat(limited.retryAt()).contains(clock.instant().plusSeconds(30));
    assertThat(validator.validate("alice", "console-2", current()).result()).isEqualTo(TotpResult.OK);
  }

  @Test
  void backoff_eachFurtherFailureDoubles_upToTheCap() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults());
    fail(validator, "alice", "d", 5);
    long[] expected = {30, 60, 120, 240, 480, 900, 900};
    for (int i = 0; i < expected.length; i++) {
      Instant retry = validator.validate("alice", "d", wrong()).retryAt().orElseThrow();
      assertThat(Duration.between(clock.instant(), retry).toSeconds()).as("lockout %d", i).isEqualTo(expected[i]);
      clock.set(retry);
      if (i < expected.length - 1) {
        fail(validator, "alice", "d", 1);
      }
    }
  }

  @Test
  void backoff_successResetsTheCount() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults());
    fail(validator, "alice", "d", 5);
    clock.advance(Duration.ofSeconds(30));
    fail(validator, "alice", "d", 1); // sixth: 60 s
    clock.advance(Duration.ofSeconds(60));
    assertThat(validator.validate("alice", "d", current()).result()).isEqualTo(TotpResult.OK);
    clock.advance(Duration.ofSeconds(30)); // a new step, so the next code is not a replay
    fail(validator, "alice", "d", 4);
    assertThat(validator.validate("alice", "d", wrong()).result()).isEqualTo(TotpResult.FAIL);
    assertThat(validator.validate("alice", "d", current()).retryAt()).contains(clock.instant().plusSeconds(30));
  }

  @Test
  void backoff_failuresOlderThanTheMemory_areForgotten() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults());
    fail(validator, "alice", "d", 4);
    clock.advance(Duration.ofHours(1));
    fail(validator, "alice", "d", 4);
    assertThat(validator.validate("alice", "d", current()).result()).isEqualTo(TotpResult.OK);
  }

  @Test
  void replay_countsAsAFailure() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults());
    String code = current();
    assertThat(validator.validate("alice", "d", code).result()).isEqualTo(TotpResult.OK);
    for (int i = 0; i < 5; i++) {
      assertThat(validator.validate("alice", "d", code).result()).isEqualTo(TotpResult.REPLAY);
    }
    assertThat(validator.validate("alice", "d", code).result()).isEqualTo(TotpResult.RATE_LIMITED);
  }

  @Test
  void deviceTableFull_newDeviceRateLimitedEvenWithTheRightCode_untilEntriesExpire() throws Exception {
    TotpOptions options =
        TotpOptions.defaults().withDeviceLimits(RateLimitPolicy.defaults().withMaxTracked(2));
    TotpValidator validator = validator(options);
    fail(validator, "alice", "d1", 1);
    fail(validator, "bob", "d2", 1);
    int before = lookups;
    TotpVerdict full = validator.validate("carol", "d3", current());
    assertThat(full.result()).isEqualTo(TotpResult.RATE_LIMITED);
    assertThat(full.reason()).contains("failing closed");
    assertThat(lookups).isEqualTo(before);
    assertThat(validator.validate("alice", "d1", current()).result()).as("a tracked device still works").isEqualTo(TotpResult.OK);
    clock.advance(Duration.ofHours(1)); // d2's failure is forgotten; d1 was reset by the success
    assertThat(validator.validate("carol", "d3", current()).result()).isEqualTo(TotpResult.OK);
  }

  @Test
  void operatorTableFull_newOperatorRateLimited() throws Exception {
    TotpOptions options =
        TotpOptions.defaults().withOperatorLimits(RateLimitPolicy.defaults().withMaxTracked(1));
    TotpValidator validator = validator(options);
    fail(validator, "alice", "d1", 1);
    assertThat(validator.validate("bob", "d2", current()).result()).isEqualTo(TotpResult.RATE_LIMITED);
  }

  @Test
  void replayTableFull_newOperatorRateLimited_untilTheWindowHasPassed() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults().withMaxReplayEntries(1));
    assertThat(validator.validate("alice", "d1", current()).result()).isEqualTo(TotpResult.OK);
    assertThat(validator.validate("bob", "d2", current()).result()).isEqualTo(TotpResult.RATE_LIMITED);
    clock.advance(Duration.ofSeconds(60)); // alice's step is now outside the window: forgettable
    assertThat(validator.validate("bob", "d2", current()).result()).isEqualTo(TotpResult.OK);
  }

  @Test
  void lockoutAfter_policyArithmetic() {
    RateLimitPolicy policy = RateLimitPolicy.defaults();
    assertThat(policy.lockoutAfter(4)).isZero();
    assertThat(policy.lockoutAfter(5)).hasSeconds(30);
    assertThat(policy.lockoutAfter(6)).hasSeconds(60);
    assertThat(policy.lockoutAfter(1_000)).isEqualTo(Duration.ofMinutes(15));
  }
}
