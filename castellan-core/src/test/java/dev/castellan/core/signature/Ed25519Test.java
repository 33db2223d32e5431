package dev.castellan.core.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;

class Ed25519Test {
  private static final byte[] MESSAGE = "castellan".getBytes(StandardCharsets.UTF_8);
  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private final SecureRandom random = new SecureRandom();

  @Test
  void sign_rfc8032Test1_matchesPublishedSignature() throws Exception {
    // RFC 8032 section 7.1, TEST 1 (empty message).
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(
        Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
    assertThat(key.publicKey().toBytes()).isEqualTo(
        Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    byte[] signature = Ed25519Signer.create(key).sign(new byte[0]);
    assertThat(Hex.encode(signature)).isEqualTo(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    Ed25519Verifier.create(key.publicKey()).verify(signature, new byte[0]);
  }

  @Test
  void sign_rfc8032Test2_matchesPublishedSignature() throws Exception {
    // RFC 8032 section 7.1, TEST 2 (one-byte message 0x72).
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(
        Hex.decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")));
    assertThat(Hex.encode(key.publicKey().toBytes()))
        .isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    assertThat(Hex.encode(Ed25519Signer.create(key).sign(new byte[] {0x72}))).isEqualTo(
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  }

  @Test
  void verify_roundTrip_succeedsAndIsDeterministic() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    byte[] signature = Ed25519Signer.create(key).sign(MESSAGE);
    assertThat(signature).hasSize(64).isEqualTo(Ed25519Signer.create(key).sign(MESSAGE));
    Ed25519Verifier.create(key.publicKey()).verify(signature, MESSAGE);
  }

  @Test
  void verify_flippedSignatureByte_throws() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    byte[] signature = Ed25519Signer.create(key).sign(MESSAGE);
    Ed25519Verifier verifier = Ed25519Verifier.create(key.publicKey());
    for (int i = 0; i < signature.length; i++) {
      byte[] mutated = signature.clone();
      mutated[i] ^= 0x01;
      assertThatThrownBy(() -> verifier.verify(mutated, MESSAGE))
          .as("byte %d", i).isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void verify_otherMessageOrKey_throws() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    byte[] signature = Ed25519Signer.create(key).sign(MESSAGE);
    assertThatThrownBy(() -> Ed25519Verifier.create(key.publicKey()).verify(signature, new byte[1]))
        .isInstanceOf(GeneralSecurityException.class);
    Ed25519PublicKey other = Ed25519PrivateKey.generate(random).publicKey();
    assertThatThrownBy(() -> Ed25519Verifier.create(other).verify(signature, MESSAGE))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void verify_wrongLength_throws() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    byte[] signature = Ed25519Signer.create(key).sign(MESSAGE);
    Ed25519Verifier verifier = Ed25519Verifier.create(key.publicKey());
    for (int length : new int[] {0, 63, 65, 128}) {
      byte[] resized = java.util.Arrays.copyOf(signature, length);
      assertThatThrownBy(() -> verifier.verify(resized, MESSAGE))
          .isInstanceOf(GeneralSecurityException.class);
    }
  }

  @Test
  void verify_sPlusGroupOrder_throws() throws Exception {
    // S + L verifies under the group law; RFC 8032 section 5.1.7 requires rejecting S >= L.
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    byte[] signature = Ed25519Signer.create(key).sign(MESSAGE);
    BigInteger s = new BigInteger(1, reverse(java.util.Arrays.copyOfRange(signature, 32, 64)));
    byte[] sPlusL = reverse(toFixed(s.add(L), 32));
    byte[] malleated = signature.clone();
    System.arraycopy(sPlusL, 0, malleated, 32, 32);
    assertThatThrownBy(() -> Ed25519Verifier.create(key.publicKey()).verify(malleated, MESSAGE))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void publicKey_smallOrderOrWrongLength_throws() {
    byte[] identity = new byte[32];
    identity[0] = 1; // the neutral element (0, 1): order 1
    assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(identity))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(new byte[31]))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(new byte[31])))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void spkiDer_roundTripsAndIsReadByTheJdk() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
    byte[] der = key.publicKey().toSpkiDer();
    assertThat(Ed25519PublicKey.fromSpkiDer(der)).isEqualTo(key.publicKey());
    // Independent check: the JDK's EdDSA verifies our signature under our SPKI.
    PublicKey jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(jdkKey);
    jdk.update(MESSAGE);
    assertThat(jdk.verify(Ed25519Signer.create(key).sign(MESSAGE))).isTrue();
    assertThat(key.publicKey().toPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
  }

  @Test
  void toString_neverShowsTheSeed() throws Exception {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) 0xab);
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(seed));
    assertThat(key.toString() + Ed25519Signer.create(key)).doesNotContain("abab");
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }

  private static byte[] toFixed(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[length];
    int copied = Math.min(bytes.length, length);
    System.arraycopy(bytes, bytes.length - copied, out, length - copied, copied);
    return out;
  }
}
