package dev.castellan.server.broker;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.keys.SealedKeyStore;
import dev.castellan.keys.Sealer;
import dev.castellan.server.oracle.TlsIdentity;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.time.Clock;

/**
 * The broker's TLS key: ECDSA P-256, sealed in {@value #FILE} like its other keys, so that its
 * SubjectPublicKeyInfo SHA-256 (the pin clients such as {@code --sealing broker:URL} configure)
 * stays the same across restarts. The self-signed certificate is made anew at each start.
 */
final class BrokerTlsKey {
  static final String FILE = "keys/tls-key.sealed";

  private BrokerTlsKey() {}

  static TlsIdentity loadOrGenerate(Path dataDirectory, Sealer sealer, SecureRandom random, Clock clock)
      throws IOException, GeneralSecurityException {
    SealedKeyStore store = new SealedKeyStore(dataDirectory.resolve(FILE), sealer);
    SecretBytes scalar = store.loadOrGenerate(() -> EcdsaPrivateKey.generate(EcdsaCurve.P_256, random).scalar()).secret();
    try {
      EcdsaPrivateKey key = EcdsaPrivateKey.fromScalar(EcdsaCurve.P_256, scalar);
      ECPublicKey publicKey = key.publicKey().toJca();
      byte[] d = scalar.toByteArray();
      PrivateKey privateKey;
      try {
        privateKey = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), publicKey.getParams()));
      } finally {
        java.util.Arrays.fill(d, (byte) 0);
      }
      return TlsIdentity.of(new KeyPair(publicKey, privateKey), random, clock);
    } finally {
      scalar.destroy();
    }
  }
}
