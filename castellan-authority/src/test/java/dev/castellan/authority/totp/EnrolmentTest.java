package dev.castellan.authority.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.MeasurementSealer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key URI format, and enrolment showing it exactly once. */
class EnrolmentTest {
  static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  TotpEnrolment enrolment(QrEncoder qr, int columns) {
    SealedTotpSecrets store = new SealedTotpSecrets(
        dir, MeasurementSealer.create(SecretBytes.copyOf(new byte[32]), new byte[] {1}, RANDOM), TotpAlgorithm.SHA1);
    return new TotpEnrolment(store, TotpParameters.defaults(), "Castellan", RANDOM, qr, columns);
  }

  @Test
  void keyUri_fixedSecret_exactString() {
    assertThat(KeyUri.of("Castellan", "alice", TotpValidatorTest.SECRET, TotpParameters.defaults()))
        .isEqualTo("otpauth://totp/Castellan:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Castellan&algorithm=SHA1&digits=6&period=30");
  }

  @Test
  void keyUri_labelsArePercentEncoded_andParametersFollowTheConfiguration() {
    TotpParameters sha256 = TotpParameters.defaults().withAlgorithm(TotpAlgorithm.SHA256).withDigits(8);
    TotpSecret secret = TotpSecret.of(TotpAlgorithm.SHA256, SecretBytes.copyOf(new byte[32]));
    assertThat(KeyUri.of("ACME Co", "alice@example.com", secret, sha256))
        .isEqualTo("otpauth://totp/ACME%20Co:alice%40example.com?secret=" + "A".repeat(52)
            + "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=30");
    assertThat(KeyUri.encode("é/?&=+~")).isEqualTo("%C3%A9%2F%3F%26%3D%2B~");
  }

  @Test
  void keyUri_colonOrControlInALabel_refused() {
    assertThatThrownBy(() -> KeyUri.of("a:b", "alice", TotpValidatorTest.SECRET, TotpParameters.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colon");
    assertThatThrownBy(() -> KeyUri.of("Castellan", "al\nice", TotpValidatorTest.SECRET, TotpParameters.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enrol_showsTheUriOnce_thenRefusesToShowItAgain() throws Exception {
    Enrolment enrolment = enrolment(QrEncoder.none(), 80).enrol("alice");
    StringBuilder out = new StringBuilder();
    enrolment.showTo(out);
    assertThat(out.toString()).startsWith("otpauth://totp/Castellan:alice?secret=")
        .contains("&issuer=Castellan&algorithm=SHA1&digits=6&period=30\n")
        .endsWith("no QR code\n");
    String secretPart = out.substring(out.indexOf("secret=") + 7, out.indexOf("&"));
    assertThat(secretPart).hasSize(32).matches("[A-Z2-7]+");
    assertThat(enrolment.toString()).contains("redacted").doesNotContain(secretPart);
    assertThatThrownBy(() -> enrolment.showTo(new StringBuilder()))
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(secretPart);
  }

  @Test
  void enrol_secondTime_refused() throws Exception {
    TotpEnrolment enrolment = enrolment(QrEncoder.none(), 80);
    enrolment.enrol("alice");
    assertThatThrownBy(() -> enrolment.enrol("alice")).isInstanceOf(TotpEnrolmentException.class);
  }

  @Test
  void enrol_withAnEncoder_drawsTheSymbolWithItsQuietZone_whereItFits() throws Exception {
    QrEncoder threeByThree = text -> Optional.of(new boolean[][] {{true, false, true}, {false, true, false}, {true, true, true}});
    Enrolment fits = enrolment(threeByThree, 11).enrol("alice");
    assertThat(fits.hasQrCode()).isTrue();
    StringBuilder out = new StringBuilder();
    fits.showTo(out);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(1 + 6); // the URI, then (3 + 8 + 1) / 2 lines
    assertThat(lines[1]).isEqualTo("█".repeat(11));
    assertThat(lines[3]).isEqualTo("████▄▀▄████");
    assertThat(lines[4]).isEqualTo("████▄▄▄████");
    assertThat(lines[6]).isEqualTo("▀".repeat(11));
    assertThat(enrolment(threeByThree, 10).enrol("bob").hasQrCode()).as("11 columns needed").isFalse();
  }

  @Test
  void enrol_withOurEncoder_showsTheUriAndAQrCodeThatFits80Columns() throws Exception {
    Enrolment enrolment = enrolment(new QrCodeEncoder(), 80).enrol("alice");
    assertThat(enrolment.hasQrCode()).isTrue();
    StringBuilder out = new StringBuilder();
    enrolment.showTo(out);
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).startsWith("otpauth://totp/Castellan:alice?secret=");
    assertThat(lines).hasSize(1 + (45 + 8 + 1) / 2).doesNotContain("no QR code");
  }
}
