package dev.castellan.authority.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A persistent validator: a restart neither reopens the replay window nor lifts a lockout; a bad file fails closed. */
class TotpStatePersistenceTest {
  static final TotpSecret SECRET =
      TotpSecret.of(TotpAlgorithm.SHA1, SecretBytes.copyOf("12345678901234567890".getBytes(StandardCharsets.US_ASCII)));
  static final Instant NOW = Instant.ofEpochSecond(1_699_999_995L);

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(NOW);

  TotpValidator open() throws IOException {
    return TotpValidator.persistent(op -> Optional.of(SECRET).filter(s -> op.equals("alice")), TotpOptions.defaults(), clock,
        new SecureRandom(), dir.resolve("totp-state.json"));
  }

  String code() {
    return Totp.code(SECRET, Totp.timeStep(clock.instant(), TotpParameters.defaults()), TotpParameters.defaults());
  }

  @Test
  void acceptedCode_isAReplayAfterARestart() throws Exception {
    String code = code();
    assertThat(open().validate("alice", "console", code).result()).isEqualTo(TotpResult.OK);
    assertThat(open().validate("alice", "console", code).result()).isEqualTo(TotpResult.REPLAY);
  }

  @Test
  void inMemoryValidator_forgetsOnRestart_whichIsWhatPersistenceIsFor() throws Exception {
    String code = code();
    TotpSecretSource secrets = op -> Optional.of(SECRET);
    assertThat(new TotpValidator(secrets, TotpOptions.defaults(), clock, new SecureRandom()).validate("alice", "c", code).result())
        .isEqualTo(TotpResult.OK);
    assertThat(new TotpValidator(secrets, TotpOptions.defaults(), clock, new SecureRandom()).validate("alice", "c", code).result())
        .isEqualTo(TotpResult.OK);
  }

  @Test
  void lockout_survivesARestart() throws Exception {
    TotpValidator first = open();
    TotpVerdict last = null;
    for (int i = 0; i < 10 && (last == null || last.result() != TotpResult.RATE_LIMITED); i++) {
      last = first.validate("alice", "console", "000000".equals(code()) ? "111111" : "000000");
    }
    assertThat(last.result()).isEqualTo(TotpResult.RATE_LIMITED);
    TotpVerdict afterRestart = open().validate("alice", "console", code());
    assertThat(afterRestart.result()).isEqualTo(TotpResult.RATE_LIMITED);
    assertThat(afterRestart.retryAt()).isEqualTo(last.retryAt());
  }

  @Test
  void theFileHoldsNoCode_noSecret_onlyIdsStepsAndTimes() throws Exception {
    String code = code();
    open().validate("alice", "console", code);
    open().validate("alice", "console", "12345");
    String saved = Files.readString(dir.resolve("totp-state.json"));
    assertThat(saved).doesNotContain(code).doesNotContain("12345678901234567890").contains("\"alice\"");
  }

  @Test
  void corruptFile_refusesToStart_namingTheFile_neverAnEmptyState() throws Exception {
    Files.writeString(dir.resolve("totp-state.json"), "{\"version\": 1, \"lastAccepted\": {\"alice\": -1}, \"operators\": {}, \"devices\": {}}");
    assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("totp-state.json")
        .hasMessageContaining("lastAccepted");
    Files.writeString(dir.resolve("totp-state.json"), "{not json");
    assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void unwritableState_theAttemptIsNotAnswered() throws Exception {
    TotpValidator validator = open();
    Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
    TotpValidator blocked = TotpValidator.persistent(op -> Optional.of(SECRET), TotpOptions.defaults(), clock, new SecureRandom(),
        dir.resolve("blocker").resolve("totp-state.json")); // its parent is a file: nothing can be written
    assertThatThrownBy(() -> blocked.validate("alice", "console", code())).isInstanceOf(TotpStateException.class);
    clock.advance(Duration.ofSeconds(30));
    assertThat(validator.validate("alice", "console", code()).result()).isEqualTo(TotpResult.OK);
  }
}
