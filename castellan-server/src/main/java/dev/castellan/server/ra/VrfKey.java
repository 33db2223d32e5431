package dev.castellan.server.ra;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.vrf.EcvrfPrivateKey;
import dev.castellan.core.vrf.EcvrfSuite;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.keys.Sealer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;

/**
 * The installation's VRF key of one suite (the seed's {@code sk4proofs}): generated on first use
 * and sealed with the oracle's sealer in {@code <data>/ra/vrf-<suite>.sealed}, so it survives
 * restarts and unseals only on the same device and build. One key per suite: switching {@code
 * --ra-vrf-suite} back finds the old key again.
 */
final class VrfKey {
  private VrfKey() {}

  static Path file(Path dataDirectory, EcvrfSuite suite) {
    return dataDirectory.resolve("ra").resolve("vrf-" + suite.name().toLowerCase(Locale.ROOT) + ".sealed");
  }

  static EcvrfPrivateKey loadOrGenerate(Path dataDirectory, EcvrfSuite suite, Sealer sealer, SecureRandom random)
      throws IOException, GeneralSecurityException {
    SealedKeyStore store = new SealedKeyStore(file(dataDirectory, suite), sealer);
    SecretBytes secret = store.loadOrGenerate(() -> EcvrfPrivateKey.generate(suite, random).secret()).secret();
    byte[] bytes = secret.toByteArray();
    try {
      return EcvrfPrivateKey.fromBytes(suite, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      secret.destroy();
    }
  }
}
