package dev.castellan.authority.totp;

import dev.castellan.core.bytes.Base32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TotpSecretTest {
  static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void generate_drawsTheAlgorithmsLengthFromTheInjectedRandom() {
    for (TotpAlgorithm algorithm : TotpAlgorithm.values()) {
      CountingRandom random = new CountingRandom();
      TotpSecret secret = TotpSecret.generate(algorithm, random);
      assertThat(secret.length()).isEqualTo(algorithm.secretLength());
      assertThat(random.drawn).isEqualTo(algorithm.secretLength());
    }
  }

  @Test
  void toString_neverShowsTheBytes() {
    TotpSecret secret = TotpSecret.of(TotpAlgorithm.SHA1, SecretBytes.copyOf(RFC_SEED));
    String text = secret.toString();
    assertThat(text).contains("redacted")
        .doesNotContain("1234567890")
        .doesNotContain(HexFormat.of().formatHex(RFC_SEED))
        .doesNotContain(secret.base32());
  }

  @Test
  void of_wrongLength_throwsWithoutTheBytes() {
    byte[] tooShort = "0123456789abcde".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> TotpSecret.of(TotpAlgorithm.SHA1, SecretBytes.copyOf(tooShort)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15")
        .hasMessageNotContaining("0123456789");
  }

  @Test
  void equals_sameBytes_trueOtherBytes_false() {
    TotpSecret a = TotpSecret.of(TotpAlgorithm.SHA1, SecretBytes.copyOf(RFC_SEED));
    TotpSecret b = TotpSecret.of(TotpAlgorithm.SHA1, SecretBytes.copyOf(RFC_SEED));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(TotpSecret.generate(TotpAlgorithm.SHA1, new SecureRandom()));
  }

  @Test
  void base32_rfc4648Vectors_unpadded() {
    String[][] vectors = {
      {"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"},
    };
    for (String[] v : vectors) {
      assertThat(Base32.encodeUpperCase(v[0].getBytes(StandardCharsets.US_ASCII))).as(v[0]).isEqualTo(v[1]);
    }
    assertThat(Base32.encodeUpperCase(RFC_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  }

  /** Counts the bytes drawn, so the test sees the injected generator is the one used. */
  static final class CountingRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    int drawn;

    @Override
    public void nextBytes(byte[] bytes) {
      drawn += bytes.length;
      super.nextBytes(bytes);
    }
  }
}
