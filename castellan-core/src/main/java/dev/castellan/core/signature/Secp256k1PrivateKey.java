package dev.castellan.core.signature;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.EcMath;
import dev.castellan.core.internal.signature.EcdsaDer;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A secp256k1 private key: the scalar {@code d}, {@code 1 <= d < n}, as 32 big-endian bytes
 * in {@link SecretBytes}. The same key signs ECDSA ({@link Secp256k1EcdsaSigner}) and BIP-340
 * Schnorr ({@link Bip340Signer}); its public key has a SEC1 form ({@link #publicKey()}) and an
 * x-only form ({@link #bip340PublicKey()}).
 *
 * <p>The scalar MUST NOT appear in {@code toString}, exceptions or logs. Immutable.
 */
public final class Secp256k1PrivateKey {
  public static final int LENGTH = 32;

  private final SecretBytes scalar;
  private final Secp256k1PublicKey publicKey;

  private Secp256k1PrivateKey(SecretBytes scalar, Secp256k1PublicKey publicKey) {
    this.scalar = scalar;
    this.publicKey = publicKey;
  }

  /**
   * The key with this 32-byte big-endian scalar.
   *
   * @throws InvalidKeyException if the length is wrong or the scalar is 0 or not below n
   */
  public static Secp256k1PrivateKey fromScalar(SecretBytes scalar) throws InvalidKeyException {
    if (scalar.size() != LENGTH) {
      throw new InvalidKeyException("secp256k1 scalar must be 32 bytes, got " + scalar.size());
    }
    byte[] raw = scalar.toByteArray();
    try {
      BigInteger d = new BigInteger(1, raw);
      if (!EcMath.isValidScalar(Bip340Math.SECP256K1, d)) {
        throw new InvalidKeyException("secp256k1 scalar is not in [1, n)");
      }
      return new Secp256k1PrivateKey(
          SecretBytes.copyOf(raw),
          Secp256k1PublicKey.trusted(EcMath.multiplyGenerator(Bip340Math.SECP256K1, d)));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A new key drawn uniformly from [1, n) with {@code random}. */
  public static Secp256k1PrivateKey generate(SecureRandom random) {
    byte[] raw = new byte[LENGTH];
    EcdsaDer.putFixed(EcMath.randomScalar(Bip340Math.SECP256K1, random), raw, 0, LENGTH);
    try {
      return fromScalar(SecretBytes.copyOf(raw));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("a scalar in [1, n) was refused", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The secret scalar, 32 bytes big-endian. */
  public SecretBytes scalar() {
    return scalar;
  }

  public Secp256k1PublicKey publicKey() {
    return publicKey;
  }

  /** The BIP-340 x-only public key of this key. */
  public Bip340PublicKey bip340PublicKey() {
    return publicKey.toBip340PublicKey();
  }

  BigInteger d() {
    byte[] raw = scalar.toByteArray();
    try {
      return new BigInteger(1, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Secp256k1PrivateKey[public=" + publicKey + ", scalar redacted]";
  }
}
