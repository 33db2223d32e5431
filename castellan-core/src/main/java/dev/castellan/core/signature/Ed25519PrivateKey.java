package dev.castellan.core.signature;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.internal.signature.Ed25519Math;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An Ed25519 private key: the 32-byte seed of RFC 8032 section 5.1.5, held in {@link
 * SecretBytes}, with its public key.
 *
 * <p>The seed MUST NOT appear in {@code toString}, exceptions or logs; it leaves this object
 * only through {@link #seed()}. Instances are immutable.
 */
public final class Ed25519PrivateKey {
  /** Length of the seed in bytes. */
  public static final int SEED_LENGTH = Ed25519Math.SEED_LENGTH;

  private final SecretBytes seed;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(SecretBytes seed, Ed25519PublicKey publicKey) {
    this.seed = seed;
    this.publicKey = publicKey;
  }

  /**
   * The key with this seed. Every 32-byte string is a valid seed.
   *
   * @throws InvalidKeyException if the seed is not 32 bytes
   */
  public static Ed25519PrivateKey fromSeed(SecretBytes seed) throws InvalidKeyException {
    if (seed.size() != SEED_LENGTH) {
      throw new InvalidKeyException("Ed25519 seed must be 32 bytes, got " + seed.size());
    }
    byte[] raw = seed.toByteArray();
    try {
      return new Ed25519PrivateKey(
          SecretBytes.copyOf(raw), Ed25519PublicKey.trusted(Ed25519Math.publicKey(raw)));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A new key from 32 bytes of {@code random}. */
  public static Ed25519PrivateKey generate(SecureRandom random) {
    byte[] raw = new byte[SEED_LENGTH];
    random.nextBytes(raw);
    try {
      return fromSeed(SecretBytes.copyOf(raw));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("a 32-byte seed was refused", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The secret seed. */
  public SecretBytes seed() {
    return seed;
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[public=" + publicKey + ", seed redacted]";
  }
}
