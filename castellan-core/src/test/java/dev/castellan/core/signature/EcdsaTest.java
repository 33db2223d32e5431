package dev.castellan.core.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EcdsaTest {
  private static final byte[] MESSAGE = "castellan".getBytes(StandardCharsets.UTF_8);
  private final SecureRandom random = new SecureRandom();

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void verify_roundTripBothEncodings_succeeds(EcdsaCurve curve) throws Exception {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(curve, random);
    for (EcdsaSignatureEncoding encoding : EcdsaSignatureEncoding.values()) {
      byte[] signature = EcdsaSigner.create(key, encoding).sign(MESSAGE);
      EcdsaVerifier.create(key.publicKey(), encoding).verify(signature, MESSAGE);
      // RFC 6979: deterministic.
      assertThat(EcdsaSigner.create(key, encoding).sign(MESSAGE)).isEqualTo(signature);
    }
    assertThat(EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363).sign(MESSAGE))
        .hasSize(curve.p1363SignatureLength());
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void verify_flippedSignatureByte_throws(EcdsaCurve curve) throws Exception {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(curve, random);
    for (EcdsaSignatureEncoding encoding : EcdsaSignatureEncoding.values()) {
      byte[] signature = EcdsaSigner.create(key, encoding).sign(MESSAGE);
      EcdsaVerifier verifier = EcdsaVerifier.create(key.publicKey(), encoding);
      for (int i = 0; i < signature.length; i++) {
        for (int bit : new int[] {0x01, 0x80}) {
          byte[] mutated = signature.clone();
          mutated[i] ^= (byte) bit;
          assertThatThrownBy(() -> verifier.verify(mutated, MESSAGE))
              .as("%s byte %d bit %x", encoding, i, bit)
              .isInstanceOf(GeneralSecurityException.class);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void verify_wrongKeyOrMessage_throws(EcdsaCurve curve) throws Exception {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(curve, random);
    byte[] signature = EcdsaSigner.create(key, EcdsaSignatureEncoding.DER).sign(MESSAGE);
    EcdsaPublicKey other = EcdsaPrivateKey.generate(curve, random).publicKey();
    assertThatThrownBy(
            () -> EcdsaVerifier.create(other, EcdsaSignatureEncoding.DER).verify(signature, MESSAGE))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(
            () -> EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.DER)
                .verify(signature, new byte[0]))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void verify_p1363WrongLength_throws(EcdsaCurve curve) throws Exception {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(curve, random);
    byte[] signature = EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363).sign(MESSAGE);
    EcdsaVerifier verifier = EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.IEEE_P1363);
    byte[] zeroPrefixed = new byte[signature.length + 1];
    System.arraycopy(signature, 0, zeroPrefixed, 1, signature.length);
    for (byte[] bad : new byte[][] {
        new byte[0], Arrays.copyOf(signature, signature.length - 1),
        Arrays.copyOf(signature, signature.length + 1), zeroPrefixed}) {
      assertThatThrownBy(() -> verifier.verify(bad, MESSAGE))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void verify_zeroOrOrderValuedScalars_throws(EcdsaCurve curve) throws Exception {
    EcdsaPublicKey publicKey = EcdsaPrivateKey.generate(curve, random).publicKey();
    EcdsaVerifier verifier = EcdsaVerifier.create(publicKey, EcdsaSignatureEncoding.IEEE_P1363);
    byte[] zeros = new byte[curve.p1363SignatureLength()];
    assertThatThrownBy(() -> verifier.verify(zeros, MESSAGE)).isInstanceOf(GeneralSecurityException.class);
    byte[] order = new byte[curve.p1363SignatureLength()];
    byte[] n = curve.domain().getN().toByteArray();
    System.arraycopy(n, n.length - curve.scalarLength(), order, 0, curve.scalarLength());
    System.arraycopy(n, n.length - curve.scalarLength(), order, curve.scalarLength(), curve.scalarLength());
    assertThatThrownBy(() -> verifier.verify(order, MESSAGE)).isInstanceOf(GeneralSecurityException.class);
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void jdk_interoperatesBothWays(EcdsaCurve curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve.secName()));
    KeyPair pair = generator.generateKeyPair();
    EcdsaPrivateKey key = EcdsaPrivateKey.fromJca((ECPrivateKey) pair.getPrivate());
    EcdsaPublicKey publicKey = EcdsaPublicKey.fromJca((ECPublicKey) pair.getPublic());
    assertThat(key.publicKey()).isEqualTo(publicKey);
    String hash = curve == EcdsaCurve.P_256 ? "SHA256" : "SHA384";
    for (EcdsaSignatureEncoding encoding : EcdsaSignatureEncoding.values()) {
      String jca = hash + "withECDSA" + (encoding == EcdsaSignatureEncoding.DER ? "" : "inP1363Format");
      Signature jdk = Signature.getInstance(jca);
      jdk.initVerify(publicKey.toJca());
      jdk.update(MESSAGE);
      assertThat(jdk.verify(EcdsaSigner.create(key, encoding).sign(MESSAGE))).as(jca).isTrue();
      jdk.initSign(pair.getPrivate());
      jdk.update(MESSAGE);
      EcdsaVerifier.create(publicKey, encoding).verify(jdk.sign(), MESSAGE);
    }
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void publicKey_encodingsRoundTrip(EcdsaCurve curve) throws Exception {
    EcdsaPublicKey key = EcdsaPrivateKey.generate(curve, random).publicKey();
    assertThat(key.toSec1Uncompressed()).hasSize(1 + 2 * curve.scalarLength());
    assertThat(key.toSec1Compressed()).hasSize(1 + curve.scalarLength());
    assertThat(EcdsaPublicKey.fromSec1(curve, key.toSec1Uncompressed())).isEqualTo(key);
    assertThat(EcdsaPublicKey.fromSec1(curve, key.toSec1Compressed())).isEqualTo(key);
    assertThat(EcdsaPublicKey.fromSpkiDer(key.toSpkiDer())).isEqualTo(key);
    assertThat(key.toPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void publicKey_offCurveOrMalformed_throws(EcdsaCurve curve) throws Exception {
    byte[] good = EcdsaPrivateKey.generate(curve, random).publicKey().toSec1Uncompressed();
    byte[] offCurve = good.clone();
    offCurve[offCurve.length - 1] ^= 1;
    byte[] xTooBig = new byte[1 + curve.scalarLength()];
    xTooBig[0] = 0x02;
    Arrays.fill(xTooBig, 1, xTooBig.length, (byte) 0xff);
    byte[] hybrid = good.clone();
    hybrid[0] = 0x06;
    for (byte[] bad : new byte[][] {
        offCurve, xTooBig, hybrid, new byte[] {0x00}, new byte[0], Arrays.copyOf(good, good.length - 1)}) {
      assertThatThrownBy(() -> EcdsaPublicKey.fromSec1(curve, bad))
          .isInstanceOf(GeneralSecurityException.class);
    }
    // The other curve's key length is refused too.
    EcdsaCurve other = curve == EcdsaCurve.P_256 ? EcdsaCurve.P_384 : EcdsaCurve.P_256;
    assertThatThrownBy(() -> EcdsaPublicKey.fromSec1(other, good))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void privateKey_scalarOutOfRangeOrWrongLength_throws(EcdsaCurve curve) {
    byte[] n = curve.domain().getN().toByteArray();
    byte[] order = Arrays.copyOfRange(n, n.length - curve.scalarLength(), n.length);
    for (byte[] bad : new byte[][] {
        new byte[curve.scalarLength()], order, new byte[curve.scalarLength() - 1]}) {
      assertThatThrownBy(() -> EcdsaPrivateKey.fromScalar(curve, SecretBytes.copyOf(bad)))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(EcdsaCurve.class)
  void privateKey_fromScalar_roundTripsAndHidesScalar(EcdsaCurve curve) throws Exception {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(curve, random);
    EcdsaPrivateKey copy = EcdsaPrivateKey.fromScalar(curve, key.scalar());
    assertThat(copy.publicKey()).isEqualTo(key.publicKey());
    assertThat(key.toString()).doesNotContain(Hex.encode(key.scalar().toByteArray()));
  }
}
