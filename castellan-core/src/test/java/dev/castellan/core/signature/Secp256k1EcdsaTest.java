package dev.castellan.core.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.EcdsaDer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;

class Secp256k1EcdsaTest {
  private static final byte[] MESSAGE = "secp256k1".getBytes(StandardCharsets.UTF_8);
  private static final BigInteger N = Bip340Math.SECP256K1.getN();
  private final SecureRandom random = new SecureRandom();

  @Test
  void verify_roundTripBothEncodings_succeedsWithLowS() throws Exception {
    for (int i = 0; i < 20; i++) {
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
      for (EcdsaSignatureEncoding encoding : EcdsaSignatureEncoding.values()) {
        byte[] signature = Secp256k1EcdsaSigner.create(key, encoding).sign(MESSAGE);
        assertThat(Secp256k1EcdsaSigner.createPureJava(key, encoding).sign(MESSAGE)).isEqualTo(signature);
        Secp256k1EcdsaVerifier.create(key.publicKey(), encoding).verify(signature, MESSAGE);
        BigInteger[] rs = encoding == EcdsaSignatureEncoding.DER
            ? EcdsaDer.decode(signature, 32) : EcdsaDer.fromP1363(signature, 32);
        assertThat(rs[1]).isLessThanOrEqualTo(N.shiftRight(1));
      }
    }
  }

  @Test
  void verify_highS_throws() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    byte[] signature = Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363).sign(MESSAGE);
    BigInteger[] rs = EcdsaDer.fromP1363(signature, 32);
    byte[] highS = EcdsaDer.toP1363(rs[0], N.subtract(rs[1]), 32);
    // Mathematically valid (BouncyCastle's plain ECDSA accepts it) ...
    ECDSASigner plain = new ECDSASigner();
    plain.init(false, new ECPublicKeyParameters(key.publicKey().point(), Bip340Math.SECP256K1));
    assertThat(plain.verifySignature(HashAlgorithm.SHA_256.hash(MESSAGE), rs[0], N.subtract(rs[1]))).isTrue();
    // ... but refused, as Bitcoin refuses it.
    assertThatThrownBy(() -> Secp256k1EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.IEEE_P1363)
        .verify(highS, MESSAGE)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void verify_flippedSignatureByte_throws() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    for (EcdsaSignatureEncoding encoding : EcdsaSignatureEncoding.values()) {
      byte[] signature = Secp256k1EcdsaSigner.create(key, encoding).sign(MESSAGE);
      Secp256k1EcdsaVerifier verifier = Secp256k1EcdsaVerifier.create(key.publicKey(), encoding);
      for (int i = 0; i < signature.length; i++) {
        byte[] mutated = signature.clone();
        mutated[i] ^= 0x01;
        assertThatThrownBy(() -> verifier.verify(mutated, MESSAGE))
            .as("%s byte %d", encoding, i).isInstanceOf(GeneralSecurityException.class);
      }
    }
  }

  @Test
  void verify_wrongKeyOrMessage_throws() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    byte[] signature = Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.DER).sign(MESSAGE);
    Secp256k1PublicKey other = Secp256k1PrivateKey.generate(random).publicKey();
    assertThatThrownBy(() -> Secp256k1EcdsaVerifier.create(other, EcdsaSignatureEncoding.DER)
        .verify(signature, MESSAGE)).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> Secp256k1EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.DER)
        .verify(signature, new byte[0])).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void signDigest_isSignOfTheDigestAndChecksLength() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    Secp256k1EcdsaSigner signer = Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363);
    byte[] digest = HashAlgorithm.SHA_256.hash(MESSAGE);
    assertThat(signer.signDigest(digest)).isEqualTo(signer.sign(MESSAGE));
    Secp256k1EcdsaVerifier verifier =
        Secp256k1EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.IEEE_P1363);
    verifier.verifyDigest(signer.signDigest(digest), digest);
    assertThatThrownBy(() -> signer.signDigest(new byte[31])).isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> verifier.verifyDigest(signer.signDigest(digest), new byte[33]))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void verify_compactWrongLength_throws() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    byte[] signature = Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363).sign(MESSAGE);
    Secp256k1EcdsaVerifier verifier =
        Secp256k1EcdsaVerifier.create(key.publicKey(), EcdsaSignatureEncoding.IEEE_P1363);
    for (int length : new int[] {0, 63, 65}) {
      byte[] resized = Arrays.copyOf(signature, length);
      assertThatThrownBy(() -> verifier.verify(resized, MESSAGE)).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void publicKey_sec1FormsRoundTripAndInvalidOnesThrow() throws Exception {
    Secp256k1PublicKey key = Secp256k1PrivateKey.generate(random).publicKey();
    assertThat(key.toBytes()).hasSize(33);
    assertThat(Secp256k1PublicKey.fromSec1(key.toBytes())).isEqualTo(key);
    assertThat(Secp256k1PublicKey.fromSec1(key.toSec1Uncompressed())).isEqualTo(key);
    byte[] offCurve = key.toSec1Uncompressed();
    offCurve[64] ^= 1;
    byte[] tooBig = new byte[33];
    tooBig[0] = 0x02;
    Arrays.fill(tooBig, 1, 33, (byte) 0xff);
    for (byte[] bad : new byte[][] {offCurve, tooBig, new byte[] {0}, new byte[32], new byte[33]}) {
      assertThatThrownBy(() -> Secp256k1PublicKey.fromSec1(bad)).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void privateKey_outOfRangeOrWrongLength_throws() {
    byte[] n = Arrays.copyOfRange(N.toByteArray(), N.toByteArray().length - 32, N.toByteArray().length);
    for (byte[] bad : new byte[][] {new byte[32], n, new byte[31], new byte[33]}) {
      assertThatThrownBy(() -> Secp256k1PrivateKey.fromScalar(SecretBytes.copyOf(bad)))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void sign_verifiedByBouncyCastlePlainEcdsa() throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    byte[] signature = Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363).sign(MESSAGE);
    BigInteger[] rs = EcdsaDer.fromP1363(signature, 32);
    ECDSASigner plain = new ECDSASigner();
    // An independently decoded public key, from the compressed bytes.
    plain.init(false, new ECPublicKeyParameters(
        Bip340Math.SECP256K1.getCurve().decodePoint(key.publicKey().toBytes()), Bip340Math.SECP256K1));
    assertThat(plain.verifySignature(HashAlgorithm.SHA_256.hash(MESSAGE), rs[0], rs[1])).isTrue();
  }
}
