package dev.castellan.log;

import dev.castellan.core.bytes.SecretBytes;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Record signers for tests. */
final class TestKeys {
  private TestKeys() {}

  static RecordSigner ed25519() throws Exception {
    byte[] seed = new byte[32];
    new java.security.SecureRandom().nextBytes(seed);
    return RecordSigner.ed25519(SecretBytes.copyOf(seed));
  }

  static RecordSigner ecdsaP256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    return RecordSigner.ecdsaP256(pair.getPrivate(), pair.getPublic());
  }
}
