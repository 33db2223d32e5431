package dev.castellan.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaVerifier;
import dev.castellan.core.signature.Ed25519PublicKey;
import dev.castellan.core.signature.Ed25519Verifier;
import dev.castellan.keys.pkcs11.internal.EcdsaSignatures;
import dev.castellan.testkit.OpenSsl;
import dev.castellan.testkit.SoftHsm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key pairs generated in a real SoftHSM2 token, signatures checked by openssl and by the core's verifiers. */
class Pkcs11SignerTest {
  private static final byte[] PAYLOAD = "{\"evidence\":\"signed in the token\"}".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;

  private Pkcs11Object generate(SoftHsm.Token token, Pkcs11KeyType type, String label) throws Exception {
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(token.uri("")))) {
      return opened.generateKeyPair(type, label, new byte[] {0x0c, 0x01});
    }
  }

  @Test
  void p256_initAndSign_openSslVerifiesTheDerSignature() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("p256", dir);
    Pkcs11Object key = generate(token, Pkcs11KeyType.P256, "castellan-log");
    assertThat(key.uri().format()).startsWith("pkcs11:token=" + token.label() + ";object=castellan-log;id=%0C%01;type=private?");
    try (Pkcs11Signer signer = Pkcs11Signer.open(key.uri())) {
      assertThat(signer.publicKeyInfo()).isEqualTo(key.publicKeyInfo().orElseThrow());
      byte[] signature = signer.sign(PAYLOAD);
      Files.writeString(dir.resolve("pub.pem"), signer.publicKeyPem());
      Files.write(dir.resolve("sig.bin"), signature);
      Files.write(dir.resolve("payload"), PAYLOAD);
      OpenSsl.Result verified = OpenSsl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "payload");
      assertThat(verified.output()).contains("Verified OK");
      EcdsaVerifier.create(EcdsaPublicKey.fromSpkiDer(signer.publicKeyInfo()), EcdsaSignatureEncoding.DER).verify(signature, PAYLOAD);

      Files.write(dir.resolve("payload"), "{\"evidence\":\"changed\"}".getBytes(StandardCharsets.UTF_8));
      assertThat(OpenSsl.run(dir, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "payload").ok()).isFalse();
    }
  }

  @Test
  void ed25519_initAndSign_openSslVerifiesWithRawin() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("ed25519", dir);
    Pkcs11Object key = generate(token, Pkcs11KeyType.ED25519, "castellan-ed");
    try (Pkcs11Signer signer = Pkcs11Signer.open(key.uri())) {
      byte[] signature = signer.sign(PAYLOAD);
      assertThat(signature).hasSize(64);
      // Pure Ed25519 is deterministic (RFC 8032 section 5.1.6): the token does not prehash or randomize.
      assertThat(signer.sign(PAYLOAD)).isEqualTo(signature);
      Files.writeString(dir.resolve("pub.pem"), signer.publicKeyPem());
      Files.write(dir.resolve("sig.bin"), signature);
      Files.write(dir.resolve("payload"), PAYLOAD);
      OpenSsl.Result verified = OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
          "-in", "payload", "-sigfile", "sig.bin");
      assertThat(verified.output()).contains("Signature Verified Successfully");
      Ed25519Verifier.create(Ed25519PublicKey.fromSpkiDer(signer.publicKeyInfo())).verify(signature, PAYLOAD);

      signature[10] ^= 1;
      Files.write(dir.resolve("sig.bin"), signature);
      assertThat(OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
          "-in", "payload", "-sigfile", "sig.bin").ok()).isFalse();
    }
  }

  @Test
  void p256_signatures_areAlwaysLowS_andMinimalDer() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("lows", dir);
    Pkcs11Object key = generate(token, Pkcs11KeyType.P256, "lows");
    List<String> failures = new ArrayList<>();
    try (Pkcs11Signer signer = Pkcs11Signer.open(key.uri())) {
      // Without normalization about half would be high-S: 64 all low by chance has probability 2^-64.
      for (int i = 0; i < 64; i++) {
        byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
        byte[] der = signer.sign(message);
        BigInteger s = derS(der);
        if (!EcdsaSignatures.isLowS(s)) {
          failures.add(i + ": high S " + Hex.encode(der));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /** The s of a short-form DER SEQUENCE {r, s}; the core's strict verifier has already checked minimality. */
  private static BigInteger derS(byte[] der) {
    int rLength = der[3];
    int sLength = der[5 + rLength];
    return new BigInteger(1, java.util.Arrays.copyOfRange(der, 6 + rLength, 6 + rLength + sLength));
  }

  @Test
  void signer_isSafeForConcurrentUse() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("threads", dir);
    Pkcs11Object key = generate(token, Pkcs11KeyType.ED25519, "threads");
    try (Pkcs11Signer signer = Pkcs11Signer.open(key.uri()); ExecutorService pool = Executors.newFixedThreadPool(8)) {
      Ed25519Verifier verifier = Ed25519Verifier.create(Ed25519PublicKey.fromSpkiDer(signer.publicKeyInfo()));
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        byte[] message = HashAlgorithm.SHA_256.hash(new byte[] {(byte) i});
        results.add(pool.submit(() -> {
          verifier.verify(signer.sign(message), message);
          return null;
        }));
      }
      for (Future<?> result : results) {
        result.get();
      }
    }
  }

  @Test
  void objects_listsBothHalvesOfTheKeyPair_withTheFingerprintOfItsPublicKey() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("list", dir);
    Pkcs11Object key = generate(token, Pkcs11KeyType.P256, "listed");
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(token.uri("")))) {
      List<Pkcs11Object> objects = opened.objects();
      assertThat(objects).extracting(Pkcs11Object::type)
          .containsExactly(Pkcs11Uri.ObjectType.PUBLIC, Pkcs11Uri.ObjectType.PRIVATE);
      String fingerprint = "sha256:" + Hex.encode(HashAlgorithm.SHA_256.hash(key.publicKeyInfo().orElseThrow()));
      assertThat(objects).allSatisfy(o -> {
        assertThat(o.fingerprint()).contains(fingerprint);
        assertThat(o.keyType()).isEqualTo("p256");
        assertThat(o.label()).isEqualTo("listed");
      });
      assertThat(objects.get(1).protection().orElseThrow().flags()).isEqualTo("sensitive,always-sensitive,never-extractable,local");
    }
    // Without a PIN only public objects are visible.
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(token.uriWithoutPin("")))) {
      assertThat(opened.objects()).extracting(Pkcs11Object::type).containsExactly(Pkcs11Uri.ObjectType.PUBLIC);
    }
  }

  @Test
  void closedSigner_refusesToSign() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("closed", dir);
    Pkcs11Object key = generate(token, Pkcs11KeyType.ED25519, "closed");
    Pkcs11Signer signer = Pkcs11Signer.open(key.uri());
    signer.sign(PAYLOAD);
    signer.close();
    assertThatThrownBy(() -> signer.sign(PAYLOAD)).isInstanceOf(Pkcs11Exception.class).hasMessageContaining("closed");
  }
}
