package dev.castellan.core.vrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EcvrfTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @EnumSource(EcvrfSuite.class)
  void verify_randomKeysAndInputs_returnsProofToHash(EcvrfSuite suite) throws Exception {
    for (int i = 0; i < 20; i++) {
      EcvrfPrivateKey key = EcvrfPrivateKey.generate(suite, RANDOM);
      byte[] alpha = new byte[i * 7];
      RANDOM.nextBytes(alpha);
      byte[] pi = Ecvrf.prove(key, alpha);
      assertThat(pi).hasSize(suite.proofLength());
      byte[] beta = Ecvrf.verify(key.publicKey(), pi, alpha);
      assertThat(beta).hasSize(suite.outputLength()).isEqualTo(Ecvrf.proofToHash(suite, pi));
      EcvrfPrivateKey other = EcvrfPrivateKey.generate(suite, RANDOM);
      assertThatThrownBy(() -> Ecvrf.verify(other.publicKey(), pi, alpha))
          .isInstanceOf(VrfException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(EcvrfSuite.class)
  void prove_sameKeyAndAlpha_isDeterministic(EcvrfSuite suite) throws Exception {
    EcvrfPrivateKey key = EcvrfPrivateKey.generate(suite, RANDOM);
    byte[] alpha = "castellan".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(Ecvrf.prove(key, alpha)).isEqualTo(Ecvrf.prove(key, alpha));
  }

  @ParameterizedTest
  @EnumSource(EcvrfSuite.class)
  void verify_wrongLengthProof_throws(EcvrfSuite suite) throws Exception {
    EcvrfPrivateKey key = EcvrfPrivateKey.generate(suite, RANDOM);
    byte[] pi = Ecvrf.prove(key, new byte[0]);
    for (byte[] bad :
        new byte[][] {
          Arrays.copyOf(pi, pi.length - 1), Arrays.copyOf(pi, pi.length + 1), new byte[0]
        }) {
      assertThatThrownBy(() -> Ecvrf.verify(key.publicKey(), bad, new byte[0]))
          .isInstanceOf(VrfException.class)
          .hasMessageContaining("octets");
      assertThatThrownBy(() -> Ecvrf.proofToHash(suite, bad)).isInstanceOf(VrfException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(EcvrfSuite.class)
  void verify_sNotBelowOrder_throws(EcvrfSuite suite) throws Exception {
    EcvrfPrivateKey key = EcvrfPrivateKey.generate(suite, RANDOM);
    byte[] pi = Ecvrf.prove(key, new byte[0]);
    int sOffset = pi.length - 32;
    Arrays.fill(pi, sOffset, pi.length, (byte) 0xff); // 2^256 - 1 > q for both suites
    assertThatThrownBy(() -> Ecvrf.verify(key.publicKey(), pi, new byte[0]))
        .isInstanceOf(VrfException.class)
        .hasMessageContaining("group order");
  }

  @org.junit.jupiter.api.Test
  void publicKey_p256UncompressedOrInfinity_throws() {
    byte[] uncompressed = new byte[65];
    uncompressed[0] = 0x04;
    assertThatThrownBy(() -> EcvrfPublicKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, uncompressed))
        .isInstanceOf(VrfException.class);
    byte[] badPrefix = new byte[33];
    badPrefix[0] = 0x04;
    assertThatThrownBy(() -> EcvrfPublicKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, badPrefix))
        .isInstanceOf(VrfException.class);
    byte[] xTooLarge = new byte[33];
    Arrays.fill(xTooLarge, (byte) 0xff);
    xTooLarge[0] = 0x02;
    assertThatThrownBy(() -> EcvrfPublicKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, xTooLarge))
        .isInstanceOf(VrfException.class);
  }

  @org.junit.jupiter.api.Test
  void publicKey_edwards25519SmallOrderOrNonCanonical_throws() {
    // Small-order points: the identity (0, 1), (0, -1), and an order-8 point.
    String[] smallOrder = {
      "0100000000000000000000000000000000000000000000000000000000000000",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    };
    for (String hex : smallOrder) {
      assertThatThrownBy(
              () -> EcvrfPublicKey.fromBytes(EcvrfSuite.EDWARDS25519_SHA512_TAI, Hex.decode(hex)))
          .as(hex)
          .isInstanceOf(VrfException.class)
          .hasMessageContaining("small order");
    }
    // y = p (non-canonical encoding of y = 0), and x = 0 with the sign bit set.
    String[] nonCanonical = {
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "0100000000000000000000000000000000000000000000000000000000000080",
    };
    for (String hex : nonCanonical) {
      assertThatThrownBy(
              () -> EcvrfPublicKey.fromBytes(EcvrfSuite.EDWARDS25519_SHA512_TAI, Hex.decode(hex)))
          .as(hex)
          .isInstanceOf(VrfException.class)
          .hasMessageContaining("not a valid point");
    }
  }

  @org.junit.jupiter.api.Test
  void privateKey_p256ZeroOrOrder_throws() {
    assertThatThrownBy(() -> EcvrfPrivateKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, new byte[32]))
        .isInstanceOf(VrfException.class);
    byte[] order = Hex.decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    assertThatThrownBy(() -> EcvrfPrivateKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, order))
        .isInstanceOf(VrfException.class);
    assertThatThrownBy(
            () -> EcvrfPrivateKey.fromBytes(EcvrfSuite.EDWARDS25519_SHA512_TAI, new byte[31]))
        .isInstanceOf(VrfException.class);
  }

  @org.junit.jupiter.api.Test
  void privateKey_toString_redactsSecret() throws Exception {
    byte[] sk = Hex.decode("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
    EcvrfPrivateKey key = EcvrfPrivateKey.fromBytes(EcvrfSuite.P256_SHA256_TAI, sk);
    assertThat(key.toString()).doesNotContain("c9afa9d8").contains("redacted");
  }

  @org.junit.jupiter.api.Test
  void privateKey_destroyingReturnedSecret_leavesKeyIntact() throws Exception {
    EcvrfPrivateKey key = EcvrfPrivateKey.generate(EcvrfSuite.EDWARDS25519_SHA512_TAI, RANDOM);
    byte[] before = Ecvrf.prove(key, new byte[0]);
    key.secret().destroy();
    assertThat(Ecvrf.prove(key, new byte[0])).isEqualTo(before);
  }
}
