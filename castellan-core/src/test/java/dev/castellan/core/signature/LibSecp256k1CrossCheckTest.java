package dev.castellan.core.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.hash.HashAlgorithm;
import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libsecp256k1 (through ACINQ's JNI binding) as a second, independent secp256k1
 * implementation: it verifies our signatures, and where both are deterministic the bytes
 * must be identical.
 */
class LibSecp256k1CrossCheckTest {
  private static Secp256k1 lib;
  private final SecureRandom random = new SecureRandom();

  @BeforeAll
  static void load() {
    try {
      lib = Secp256k1.get();
    } catch (Throwable t) {
      Assumptions.abort("libsecp256k1 JNI did not load on this platform: " + t);
    }
  }

  @Test
  void fastPath_loadsHere() {
    // The oracle's throughput target relies on it; a silent fallback would hide a regression.
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    assertThat(Bip340Signer.create(key).implementation()).isEqualTo("libsecp256k1");
    assertThat(Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.DER).implementation())
        .isEqualTo("libsecp256k1");
  }

  @Test
  void bip340_pureJavaAndNativeAgreeOnRandomSignaturesAndTampering() throws Exception {
    for (int i = 0; i < 50; i++) {
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
      byte[] message = new byte[32];
      random.nextBytes(message);
      byte[] signature = Bip340Signer.create(key, random).sign(message);
      if (i % 2 == 1) {
        signature[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
      }
      boolean nativeAccepts = accepts(Bip340Verifier.create(key.bip340PublicKey()), signature, message);
      boolean javaAccepts =
          accepts(Bip340Verifier.createPureJava(key.bip340PublicKey()), signature, message);
      assertThat(nativeAccepts).isEqualTo(javaAccepts).isEqualTo(i % 2 == 0);
    }
  }

  private static boolean accepts(Bip340Verifier verifier, byte[] signature, byte[] message) {
    try {
      verifier.verify(signature, message);
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  @Test
  void ecdsa_ourSignatureIsLibsecp256k1sBytes() throws Exception {
    for (int i = 0; i < 50; i++) {
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
      byte[] secret = key.scalar().toByteArray();
      assertThat(lib.pubKeyCompress(lib.pubkeyCreate(secret))).isEqualTo(key.publicKey().toBytes());
      byte[] message = new byte[i];
      random.nextBytes(message);
      byte[] digest = HashAlgorithm.SHA_256.hash(message);
      byte[] ours = Secp256k1EcdsaSigner.createPureJava(key, EcdsaSignatureEncoding.IEEE_P1363).sign(message);
      // Both use RFC 6979 with HMAC-SHA256 and normalize to low S.
      assertThat(ours).isEqualTo(lib.sign(digest, secret, null));
      assertThat(lib.verify(ours, digest, key.publicKey().toBytes())).isTrue();
      byte[] der = Secp256k1EcdsaSigner.createPureJava(key, EcdsaSignatureEncoding.DER).sign(message);
      assertThat(der).isEqualTo(lib.compact2der(ours));
      // The fast path (libsecp256k1 underneath) gives the same bytes in both encodings.
      assertThat(Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363).sign(message))
          .isEqualTo(ours);
      assertThat(Secp256k1EcdsaSigner.create(key, EcdsaSignatureEncoding.DER).sign(message))
          .isEqualTo(der);
    }
  }

  @Test
  void bip340_ourSignatureMatchesLibsecp256k1ForTheSameAuxRand() throws Exception {
    for (int i = 0; i < 50; i++) {
      Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
      byte[] secret = key.scalar().toByteArray();
      byte[] message = new byte[32]; // the JNI binding signs 32-byte messages only
      byte[] auxRand = new byte[32];
      random.nextBytes(message);
      random.nextBytes(auxRand);
      byte[] ours = Bip340Signer.createPureJava(key, random).sign(message, auxRand);
      assertThat(ours).isEqualTo(lib.signSchnorr(message, secret, auxRand));
      assertThat(Bip340Signer.create(key).sign(message, auxRand)).isEqualTo(ours);
      assertThat(lib.verifySchnorr(ours, message, key.bip340PublicKey().toBytes())).isTrue();
      byte[] fresh = Bip340Signer.createPureJava(key, random).sign(message);
      assertThat(lib.verifySchnorr(fresh, message, key.bip340PublicKey().toBytes())).isTrue();
      fresh[5] ^= 1;
      assertThat(lib.verifySchnorr(fresh, message, key.bip340PublicKey().toBytes())).isFalse();
    }
  }
}
