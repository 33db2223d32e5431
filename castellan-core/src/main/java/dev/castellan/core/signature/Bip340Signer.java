package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.LibSecp256k1;
import java.security.SecureRandom;
import java.util.Optional;

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
 *
 * <p>Implementation: 32-byte messages (the oracle signs SHA-256 digests) go to libsecp256k1
 * when its JNI binding is on the class path and loads (several times faster, constant-time);
 * everything else, and every message when it is absent, uses the pure-Java implementation.
 * Both produce identical bytes for the same key, message and {@code aux_rand} (tested).
 * {@link #implementation()} says which is in use.
 */
public final class Bip340Signer implements PublicKeySign {
  /** Length of {@code aux_rand}. */
  public static final int AUX_RAND_LENGTH = 32;

  private final Bip340Math.SigningKey key;
  private final SecureRandom random;
  private final Optional<LibSecp256k1> lib;
  private final byte[] secret; // only for libsecp256k1, which takes the unadjusted key

  private Bip340Signer(
      Bip340Math.SigningKey key, SecureRandom random, Optional<LibSecp256k1> lib, byte[] secret) {
    this.key = key;
    this.random = random;
    this.lib = lib;
    this.secret = secret;
  }

  /** A signer drawing {@code aux_rand} from a new {@link SecureRandom}. */
  public static Bip340Signer create(Secp256k1PrivateKey privateKey) {
    return create(privateKey, new SecureRandom());
  }

  public static Bip340Signer create(Secp256k1PrivateKey privateKey, SecureRandom random) {
    return create(privateKey, random, LibSecp256k1.instance());
  }

  /** For tests and benchmarks: the pure-Java implementation only. */
  static Bip340Signer createPureJava(Secp256k1PrivateKey privateKey, SecureRandom random) {
    return create(privateKey, random, Optional.empty());
  }

  private static Bip340Signer create(
      Secp256k1PrivateKey privateKey, SecureRandom random, Optional<LibSecp256k1> lib) {
    byte[] secret = lib.isPresent() ? privateKey.scalar().toByteArray() : null;
    return new Bip340Signer(Bip340Math.signingKey(privateKey.d()), random, lib, secret);
  }

  /** {@code "libsecp256k1"} when 32-byte messages are signed natively, else {@code "java"}. */
  public String implementation() {
    return lib.isPresent() ? "libsecp256k1" : "java";
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
    if (auxRand.length != AUX_RAND_LENGTH) {
      throw new IllegalArgumentException("aux_rand must be 32 bytes, got " + auxRand.length);
    }
    if (message.length == 32 && lib.isPresent()) {
      return lib.get().signSchnorr(message, secret, auxRand);
    }
    return Bip340Math.sign(key, message, auxRand);
  }

  @Override
  public String toString() {
    return "Bip340Signer[" + publicKey() + ", key redacted]";
  }
}
