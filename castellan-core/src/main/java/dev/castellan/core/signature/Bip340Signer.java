package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.Bip340Math;
import java.security.SecureRandom;

/**
 * BIP-340 Schnorr signing over secp256k1 (github.com/bitcoin/bips bip-0340, "Default
 * Signing"): 64-byte signatures {@code bytes(R) || bytes(s)} over messages of any length,
 * with tagged hashes {@code BIP0340/aux}, {@code BIP0340/nonce}, {@code BIP0340/challenge}.
 *
 * <p>{@link #sign(byte[])} draws a fresh 32-byte {@code aux_rand} from the injected {@link
 * SecureRandom} for every signature, as BIP-340 recommends (it hardens against side channels
 * and fault attacks; the nonce stays safe even if the generator fails, since it is derived
 * from the secret). {@link #sign(byte[], byte[])} takes {@code aux_rand} from the caller, for
 * reproducible test vectors. Immutable and safe for concurrent use.
 */
public final class Bip340Signer implements PublicKeySign {
  /** Length of {@code aux_rand}. */
  public static final int AUX_RAND_LENGTH = 32;

  private final Bip340Math.SigningKey key;
  private final SecureRandom random;

  private Bip340Signer(Bip340Math.SigningKey key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  /** A signer drawing {@code aux_rand} from a new {@link SecureRandom}. */
  public static Bip340Signer create(Secp256k1PrivateKey privateKey) {
    return create(privateKey, new SecureRandom());
  }

  public static Bip340Signer create(Secp256k1PrivateKey privateKey, SecureRandom random) {
    return new Bip340Signer(Bip340Math.signingKey(privateKey.d()), random);
  }

  /** The x-only public key that verifies this signer's signatures. */
  public Bip340PublicKey publicKey() {
    return Bip340PublicKey.trusted(key.publicKey().clone());
  }

  /** Signs {@code message} with fresh {@code aux_rand}. */
  @Override
  public byte[] sign(byte[] message) {
    byte[] auxRand = new byte[AUX_RAND_LENGTH];
    random.nextBytes(auxRand);
    return sign(message, auxRand);
  }

  /**
   * Signs {@code message} with the given 32-byte {@code aux_rand}.
   *
   * @throws IllegalArgumentException if {@code auxRand} is not 32 bytes
   */
  public byte[] sign(byte[] message, byte[] auxRand) {
    return Bip340Math.sign(key, message, auxRand);
  }

  @Override
  public String toString() {
    return "Bip340Signer[" + publicKey() + ", key redacted]";
  }
}
