package dev.castellan.core.vrf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random garbage where a key or a proof is expected: every outcome must be a clean {@link
 * VrfException} (or, for a key that happens to decode, a proof that fails), never an unchecked
 * exception from the arithmetic underneath. Seeded, so a failure reproduces.
 */
class EcvrfMalformedInputTest {
  private static final int ROUNDS = 100;

  @ParameterizedTest
  @EnumSource(EcvrfSuite.class)
  void verify_randomProofBytes_throwsVrfException(EcvrfSuite suite) throws Exception {
    Random random = new Random(suite.ordinal());
    EcvrfPrivateKey key = EcvrfPrivateKey.fromBytes(suite, bytes(random, 32, (byte) 1));
    byte[] real = Ecvrf.prove(key, new byte[] {-1});
    for (int i = 0; i < ROUNDS; i++) {
      byte[] pi = bytes(random, suite.proofLength(), (byte) 0);
      if (i % 2 == 0) {
        // Keep a valid Gamma (from a real proof) so the checks behind decoding are reached too.
        System.arraycopy(real, 0, pi, 0, suite.publicKeyLength());
      }
      byte[] alpha = {(byte) i};
      assertThatThrownBy(() -> Ecvrf.verify(key.publicKey(), pi, alpha))
          .isInstanceOf(VrfException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(EcvrfSuite.class)
  void publicKeyFromBytes_randomBytes_decodesOrThrowsVrfException(EcvrfSuite suite) {
    Random random = new Random(100 + suite.ordinal());
    for (int i = 0; i < ROUNDS; i++) {
      byte[] encoded = bytes(random, suite.publicKeyLength(), (byte) 0);
      if (suite.publicKeyLength() == 33) {
        encoded[0] = (byte) (2 + (i & 1)); // a plausible SEC1 prefix, so decoding is exercised
      }
      try {
        EcvrfPublicKey key = EcvrfPublicKey.fromBytes(suite, encoded);
        byte[] pi = new byte[suite.proofLength()];
        assertThatThrownBy(() -> Ecvrf.verify(key, pi, new byte[0]))
            .isInstanceOf(VrfException.class);
      } catch (VrfException rejected) {
        // the expected outcome for most random strings
      }
    }
  }

  private static byte[] bytes(Random random, int length, byte first) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    if (first != 0) {
      out[0] = first;
    }
    return out;
  }
}
