package dev.castellan.core.hpke;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random garbage where an encapsulated key or a ciphertext is expected: every outcome must be an
 * {@link HpkeException}, never an unchecked exception and never a plaintext. Seeded.
 */
class HpkeMalformedInputTest {
  private static final int ROUNDS = 100;
  private static final byte[] INFO = {1, 2, 3};

  static java.util.List<HpkeSuite> suites() {
    return HpkeTest.suites();
  }

  @ParameterizedTest
  @MethodSource("suites")
  void open_randomEncAndCiphertext_throwsHpkeException(HpkeSuite suite) throws Exception {
    Random random = new Random(suite.hashCode());
    HpkePrivateKey recipient = Hpke.deriveKeyPair(suite.kem(), new byte[32]);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] enc = new byte[suite.kem().publicKeyLength()];
      random.nextBytes(enc);
      if (enc.length == 65 && i % 2 == 0) {
        // A valid point as enc, so the AEAD rejection is reached as well as the decoding one.
        enc = Hpke.deriveKeyPair(suite.kem(), enc).publicKey().toBytes();
      }
      byte[] ct = new byte[random.nextInt(64)];
      random.nextBytes(ct);
      byte[] finalEnc = enc;
      assertThatThrownBy(() -> Hpke.open(suite, finalEnc, recipient, INFO, new byte[0], ct))
          .isInstanceOf(HpkeException.class);
    }
  }
}
