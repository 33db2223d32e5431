package dev.castellan.core.hpke;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.internal.hpke.Dhkem;
import java.util.Arrays;
import java.util.Objects;

/**
 * An HPKE private key with its public key, immutable; the secret sits in {@link SecretBytes} and is
 * never printed. SerializePrivateKey form (RFC 9180 §7.1.2): X25519, the 32-octet scalar before
 * clamping; P-256, the 32-octet big-endian scalar in [1, n). Create one with {@link
 * Hpke#generateKeyPair}, {@link Hpke#deriveKeyPair} or {@link #fromBytes}.
 */
public final class HpkePrivateKey {
  private final HpkeKem kem;
  private final SecretBytes secret;
  private final HpkePublicKey publicKey;

  private HpkePrivateKey(HpkeKem kem, SecretBytes secret, HpkePublicKey publicKey) {
    this.kem = kem;
    this.secret = secret;
    this.publicKey = publicKey;
  }

  /**
   * DeserializePrivateKey: imports {@code secret} and computes its public key.
   *
   * @throws HpkeException when {@code secret} is not a valid private key for {@code kem}
   */
  public static HpkePrivateKey fromBytes(HpkeKem kem, byte[] secret) throws HpkeException {
    Objects.requireNonNull(kem, "kem");
    Dhkem dhkem = Dhkem.of(kem);
    dhkem.validatePrivateKey(secret);
    HpkePublicKey publicKey = HpkePublicKey.fromBytes(kem, dhkem.publicKey(secret));
    return new HpkePrivateKey(kem, SecretBytes.copyOf(secret), publicKey);
  }

  static HpkePrivateKey ofValidated(HpkeKem kem, byte[] secret) throws HpkeException {
    try {
      return fromBytes(kem, secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  public HpkeKem kem() {
    return kem;
  }

  public HpkePublicKey publicKey() {
    return publicKey;
  }

  /**
   * SerializePrivateKey. Whoever holds it can open every message sent to this key. A fresh holder:
   * destroying it leaves this key intact.
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
    return "HpkePrivateKey[" + kem + ", public " + publicKey + ", secret redacted]";
  }
}
