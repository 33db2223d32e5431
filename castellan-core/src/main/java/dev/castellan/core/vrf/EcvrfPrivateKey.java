package dev.castellan.core.vrf;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.internal.vrf.EcvrfCipherSuite;
import dev.castellan.core.internal.vrf.EcvrfEngine;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An ECVRF secret key (SK of RFC 9381) with its public key, immutable. The secret is held in {@link
 * SecretBytes} and never printed. For P-256 it is the scalar x, 32 octets big-endian, 1 ≤ x &lt; q;
 * for edwards25519 it is the 32-octet RFC 8032 seed (x is derived from it as in RFC 8032 §5.1.5).
 */
public final class EcvrfPrivateKey {
  private final EcvrfSuite suite;
  private final SecretBytes secret;
  private final EcvrfPublicKey publicKey;

  private EcvrfPrivateKey(EcvrfSuite suite, SecretBytes secret, EcvrfPublicKey publicKey) {
    this.suite = suite;
    this.secret = secret;
    this.publicKey = publicKey;
  }

  /**
   * Imports a secret key and derives its public key.
   *
   * @throws VrfException when the length is wrong or (P-256) the scalar is not in [1, q)
   */
  public static EcvrfPrivateKey fromBytes(EcvrfSuite suite, byte[] secret) throws VrfException {
    Objects.requireNonNull(suite, "suite");
    EcvrfCipherSuite implementation = EcvrfCipherSuite.of(suite);
    if (!EcvrfEngine.isValidSecretKey(implementation, secret)) {
      throw new VrfException(
          String.format(
              Locale.ROOT,
              "%s secret key must be %d octets (for P-256, a scalar in [1, q))",
              suite.specName(),
              suite.secretKeyLength()));
    }
    byte[] pk = EcvrfEngine.publicKeyString(implementation, secret);
    return new EcvrfPrivateKey(
        suite, SecretBytes.copyOf(secret), EcvrfPublicKey.fromBytes(suite, pk));
  }

  /** A fresh random key drawn from {@code random}. */
  public static EcvrfPrivateKey generate(EcvrfSuite suite, SecureRandom random) {
    byte[] secret = new byte[suite.secretKeyLength()];
    try {
      while (true) {
        random.nextBytes(secret);
        try {
          return fromBytes(suite, secret);
        } catch (VrfException outOfRange) {
          // P-256 only, probability about 2^-32: draw again (rejection sampling).
        }
      }
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  public EcvrfSuite suite() {
    return suite;
  }

  public EcvrfPublicKey publicKey() {
    return publicKey;
  }

  /**
   * The secret key (SK). Handle with care: whoever holds it can compute every output. A fresh
   * holder: destroying it leaves this key intact.
   */
  public SecretBytes secret() {
    return secret.duplicate();
  }

  /** The secret as a fresh array, for this package's primitives; the caller wipes it. */
  byte[] secretCopy() {
    return secret.toByteArray();
  }

  @Override
  public String toString() {
    return "EcvrfPrivateKey[" + suite.specName() + ", public " + publicKey + ", secret redacted]";
  }
}
