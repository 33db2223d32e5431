package dev.castellan.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.testkit.SoftHsm;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reasons docs/keys.md gives for binding PKCS#11 ourselves, checked against this JDK's
 * SunPKCS11 on a real token, so that a JDK which lifts them makes this test fail and the
 * choice gets revisited.
 */
class SunPkcs11FindingsTest {
  @TempDir Path dir;

  @Test
  void sunPkcs11_hasNoEdDsa_hidesCertificatelessKeys_andKeepsP256KeysInTheToken() throws Exception {
    SoftHsm.Token token = SoftHsm.createToken("sunpkcs11", dir);
    long slot;
    try (Pkcs11Token opened = Pkcs11Token.open(Pkcs11Uri.parse(token.uri("")))) {
      opened.generateKeyPair(Pkcs11KeyType.P256, "ours", new byte[] {1});
      slot = opened.slotId();
    }
    Provider provider = Security.getProvider("SunPKCS11").configure(String.join("\n",
        "--name=castellan-test", "library=" + SoftHsm.MODULE, "slot=" + slot,
        "attributes(generate, CKO_PRIVATE_KEY, *) = {", "  CKA_TOKEN = true", "  CKA_SENSITIVE = true",
        "  CKA_EXTRACTABLE = false", "}", "attributes(generate, CKO_PUBLIC_KEY, *) = {", "  CKA_TOKEN = true", "}"));

    // 1. No EdDSA: the token's CKM_EDDSA and CKM_EC_EDWARDS_KEY_PAIR_GEN are not offered.
    List<String> edwards = provider.getServices().stream()
        .filter(s -> s.getType().equals("Signature") || s.getType().equals("KeyPairGenerator"))
        .map(Provider.Service::getAlgorithm)
        .filter(a -> a.contains("Ed25519") || a.contains("EdDSA") || a.contains("Ed448")).toList();
    assertThat(edwards).isEmpty();
    assertThat(provider.getService("Signature", "SHA256withECDSA")).isNotNull();

    // 2. Its KeyStore shows no private key without a certificate: our key pair is invisible.
    KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
    keyStore.load(null, token.pin().toCharArray());
    assertThat(Collections.list(keyStore.aliases())).isEmpty();

    // 3. What it does well: a P-256 key generated through it stays in the token (no encoding).
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    assertThat(pair.getPrivate().getEncoded()).isNull();
    assertThat(pair.getPrivate().toString()).contains("sensitive").contains("unextractable");
  }
}
