package dev.castellan.authority.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.MeasurementSealer;
import dev.castellan.keys.UnsealException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets are stored only sealed, round-trip, and a tampered, moved or re-measured file is refused. */
class SealedTotpSecretsTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final SecretBytes DEVICE = SecretBytes.copyOf(new byte[32]);

  @TempDir Path dir;

  SealedTotpSecrets store(byte[] measurement) {
    return new SealedTotpSecrets(dir, MeasurementSealer.create(DEVICE, measurement, RANDOM), TotpAlgorithm.SHA1);
  }

  /** The secret's bytes in every form they could leak as. */
  static String[] forms(TotpSecret secret) {
    byte[] raw = secret.secretBytes().toByteArray();
    return new String[] {new String(raw, StandardCharsets.ISO_8859_1), HexFormat.of().formatHex(raw), secret.base32()};
  }

  @Test
  void enrolThenFind_returnsTheSameSecret_andOnlyCiphertextIsOnDisk() throws Exception {
    TotpSecret secret = store(new byte[] {1}).enrol("alice", RANDOM);
    TotpSecret found = store(new byte[] {1}).find("alice").orElseThrow();
    assertThat(found).isEqualTo(secret);
    String onDisk = new String(Files.readAllBytes(dir.resolve("alice.totp.sealed")), StandardCharsets.ISO_8859_1);
    for (String form : forms(secret)) {
      assertThat(onDisk).doesNotContain(form);
    }
    assertThat(onDisk).startsWith("CSL1");
  }

  @Test
  void find_notEnrolled_empty() throws Exception {
    assertThat(store(new byte[] {1}).find("bob")).isEmpty();
  }

  @Test
  void find_tamperedFile_throwsWithoutTheSecret() throws Exception {
    TotpSecret secret = store(new byte[] {1}).enrol("alice", RANDOM);
    Path file = dir.resolve("alice.totp.sealed");
    byte[] sealed = Files.readAllBytes(file);
    sealed[sealed.length - 20] ^= 0x01;
    Files.write(file, sealed);
    var thrown = assertThatThrownBy(() -> store(new byte[] {1}).find("alice"))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("alice.totp.sealed");
    for (String form : forms(secret)) {
      thrown.hasMessageNotContaining(form);
    }
  }

  @Test
  void find_otherMeasurement_throws() throws Exception {
    store(new byte[] {1}).enrol("alice", RANDOM);
    assertThatThrownBy(() -> store(new byte[] {2}).find("alice"))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("different measurement");
  }

  @Test
  void find_fileRenamedToAnotherOperator_throws() throws Exception {
    store(new byte[] {1}).enrol("alice", RANDOM);
    Files.move(dir.resolve("alice.totp.sealed"), dir.resolve("bob.totp.sealed"));
    assertThatThrownBy(() -> store(new byte[] {1}).find("bob"))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("another operator");
  }

  @Test
  void find_otherAlgorithm_throws() throws Exception {
    store(new byte[] {1}).enrol("alice", RANDOM);
    SealedTotpSecrets sha256 =
        new SealedTotpSecrets(dir, MeasurementSealer.create(DEVICE, new byte[] {1}, RANDOM), TotpAlgorithm.SHA256);
    assertThatThrownBy(() -> sha256.find("alice")).isInstanceOf(UnsealException.class).hasMessageContaining("algorithm");
  }

  @Test
  void enrol_twice_refusedAndTheStoredSecretIsKept() throws Exception {
    TotpSecret first = store(new byte[] {1}).enrol("alice", RANDOM);
    byte[] before = Files.readAllBytes(dir.resolve("alice.totp.sealed"));
    assertThatThrownBy(() -> store(new byte[] {1}).enrol("alice", RANDOM))
        .isInstanceOf(TotpEnrolmentException.class)
        .hasMessageContaining("already enrolled");
    assertThat(Files.readAllBytes(dir.resolve("alice.totp.sealed"))).isEqualTo(before);
    assertThat(store(new byte[] {1}).find("alice")).contains(first);
  }

  @Test
  void file_pathLikeOperatorId_refused() {
    assertThatThrownBy(() -> store(new byte[] {1}).file("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("passwd");
  }

  @Test
  void validator_overTheSealedStore_acceptsTheEnrolledSecret() throws Exception {
    TotpSecret secret = store(new byte[] {1}).enrol("alice", RANDOM);
    MutableClock clock = new MutableClock(TotpValidatorTest.NOW);
    TotpValidator validator = new TotpValidator(store(new byte[] {1}), TotpOptions.defaults(), clock, RANDOM);
    String code = Totp.code(secret, clock.instant(), TotpParameters.defaults());
    assertThat(validator.validate("alice", "console-1", code).result()).isEqualTo(TotpResult.OK);
    assertThat(validator.validate("bob", "console-1", code).result()).isEqualTo(TotpResult.FAIL);
  }
}
