package dev.castellan.authority.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Codes, the window and the replay guard. Rate limits are in {@link TotpRateLimitTest}. */
class TotpValidatorTest {
  /** The middle of a step (step 56,666,666 starts at 1,699,999,980). */
  static final Instant NOW = Instant.ofEpochSecond(1_699_999_995L);

  static final TotpSecret SECRET =
      TotpSecret.of(TotpAlgorithm.SHA1, SecretBytes.copyOf("12345678901234567890".getBytes(StandardCharsets.US_ASCII)));

  final MutableClock clock = new MutableClock(NOW);
  final TotpParameters parameters = TotpParameters.defaults();

  TotpValidator validator(TotpOptions options) {
    return new TotpValidator(op -> Optional.ofNullable(Map.of("alice", SECRET).get(op)), options, clock, new SecureRandom());
  }

  String codeAt(int stepsFromNow) {
    return Totp.code(SECRET, Totp.timeStep(NOW, parameters) + stepsFromNow, parameters);
  }

  String wrong(String code) {
    char last = code.charAt(code.length() - 1);
    return code.substring(0, code.length() - 1) + (char) (last == '9' ? '0' : last + 1);
  }

  @Test
  void validate_currentCode_ok() throws Exception {
    TotpVerdict verdict = validator(TotpOptions.defaults()).validate("alice", "console-1", codeAt(0));
    assertThat(verdict.result()).isEqualTo(TotpResult.OK);
    assertThat(verdict.result().wire()).isEqualTo("ok");
    assertThat(verdict.retryAt()).isEmpty();
  }

  @Test
  void validate_wrongCode_fail() throws Exception {
    TotpVerdict verdict = validator(TotpOptions.defaults()).validate("alice", "console-1", wrong(codeAt(0)));
    assertThat(verdict.result()).isEqualTo(TotpResult.FAIL);
    assertThat(verdict.result().wire()).isEqualTo("fail");
  }

  @Test
  void validate_malformedCodes_fail() throws Exception {
    for (String code : new String[] {"", "12345", "1234567", "12345a", "١٢٣٤٥٦", codeAt(0) + " ", null}) {
      assertThat(validator(TotpOptions.defaults()).validate("alice", "console-1", code).result())
          .as(String.valueOf(code)).isEqualTo(TotpResult.FAIL);
    }
  }

  @Test
  void validate_unknownOperator_failLikeAWrongCode() throws Exception {
    TotpVerdict unknown = validator(TotpOptions.defaults()).validate("mallory", "console-1", codeAt(0));
    TotpVerdict wrong = validator(TotpOptions.defaults()).validate("alice", "console-1", wrong(codeAt(0)));
    assertThat(unknown).isEqualTo(wrong);
  }

  @Test
  void validate_malformedIds_failWithoutEchoingThem() throws Exception {
    TotpVerdict verdict = validator(TotpOptions.defaults()).validate("../alice", "console-1", codeAt(0));
    assertThat(verdict.result()).isEqualTo(TotpResult.FAIL);
    assertThat(verdict.reason()).doesNotContain("../alice");
  }

  @Test
  void validate_sameCodeTwice_replay() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults());
    String code = codeAt(0);
    assertThat(validator.validate("alice", "console-1", code).result()).isEqualTo(TotpResult.OK);
    TotpVerdict again = validator.validate("alice", "console-2", code);
    assertThat(again.result()).isEqualTo(TotpResult.REPLAY);
    assertThat(again.result().wire()).isEqualTo("replay");
    assertThat(again.reason()).doesNotContain(code);
  }

  @Test
  void validate_olderStepAfterSuccess_replayNewerStep_ok() throws Exception {
    TotpValidator validator = validator(TotpOptions.defaults());
    assertThat(validator.validate("alice", "console-1", codeAt(0)).result()).isEqualTo(TotpResult.OK);
    assertThat(validator.validate("alice", "console-1", codeAt(-1)).result()).isEqualTo(TotpResult.REPLAY);
    assertThat(validator.validate("alice", "console-1", codeAt(1)).result()).isEqualTo(TotpResult.OK);
    assertThat(validator.validate("alice", "console-1", codeAt(0)).result()).isEqualTo(TotpResult.REPLAY);
  }

  @Test
  void validate_oneStepEitherSide_okTwoSteps_fail() throws Exception {
    for (int offset : new int[] {-1, 1}) {
      assertThat(validator(TotpOptions.defaults()).validate("alice", "d", codeAt(offset)).result())
          .as("offset %d", offset).isEqualTo(TotpResult.OK);
    }
    for (int offset : new int[] {-2, 2}) {
      assertThat(validator(TotpOptions.defaults()).validate("alice", "d", codeAt(offset)).result())
          .as("offset %d", offset).isEqualTo(TotpResult.FAIL);
    }
  }

  @Test
  void validate_stepBoundaries_followTheClock() throws Exception {
    long stepStart = Totp.timeStep(NOW, parameters) * 30;
    clock.set(Instant.ofEpochSecond(stepStart + 29));
    TotpValidator validator = validator(TotpOptions.defaults());
    String twoAhead = codeAt(2);
    assertThat(validator.validate("alice", "d", twoAhead).result()).isEqualTo(TotpResult.FAIL);
    clock.advance(Duration.ofSeconds(1)); // next step: +2 is now +1
    assertThat(validator.validate("alice", "d", twoAhead).result()).isEqualTo(TotpResult.OK);
  }

  @Test
  void validate_windowZero_refusesTheNeighbouringSteps() throws Exception {
    TotpOptions strict = TotpOptions.defaults().withParameters(parameters.withWindow(0));
    assertThat(validator(strict).validate("alice", "d", codeAt(-1)).result()).isEqualTo(TotpResult.FAIL);
    assertThat(validator(strict).validate("alice", "d", codeAt(1)).result()).isEqualTo(TotpResult.FAIL);
    assertThat(validator(strict).validate("alice", "d", codeAt(0)).result()).isEqualTo(TotpResult.OK);
  }

  @Test
  void validate_eightDigitsSha512_ok() throws Exception {
    TotpParameters eight = parameters.withAlgorithm(TotpAlgorithm.SHA512).withDigits(8);
    TotpSecret secret = TotpSecret.generate(TotpAlgorithm.SHA512, new SecureRandom());
    TotpValidator validator =
        new TotpValidator(op -> Optional.of(secret), TotpOptions.defaults().withParameters(eight), clock, new SecureRandom());
    String code = Totp.code(secret, NOW, eight);
    assertThat(code).hasSize(8);
    assertThat(validator.validate("alice", "d", code).result()).isEqualTo(TotpResult.OK);
  }
}
