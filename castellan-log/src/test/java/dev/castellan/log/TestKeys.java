package dev.castellan.log;

import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.Ed25519PrivateKey;
import java.security.SecureRandom;

/** Record signers for tests. */
final class TestKeys {
  private TestKeys() {}

  static RecordSigner ed25519() {
    return RecordSigner.ed25519(Ed25519PrivateKey.generate(new SecureRandom()));
  }

  static RecordSigner ecdsaP256() throws Exception {
    return RecordSigner.ecdsaP256(EcdsaPrivateKey.generate(EcdsaCurve.P_256, new SecureRandom()));
  }
}
