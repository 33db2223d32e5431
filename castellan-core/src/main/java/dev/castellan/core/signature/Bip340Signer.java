package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.LibSecp256k1;
import dev.castellan.core.internal.signature.SystemLibSecp256k1;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * BIP-340 Schnorr signing over secp256k1 (github.com/bitcoin/bips bip-0340, "Default
 * Signing"): 64-byte signatures {@code bytes(R) || bytes(s)} over messages of any length,
 * with tagged hashes {@code BIP0340/aux}, {@code BIP0340/nonce}, {@code BIP0340/challenge}.
 *
 * <p>{@link #sign(byte[])} draws a fresh 32-byte {@code aux_rand} from the injected {@link
 * SecureRandom} for every signature, as BIP-340 recommends (it hardens against side channels
 * and fault attacks; the nonce stays safe even if the generator fails, since it is derived
 * from the secret). It draws them {@value #AUX_POOL_SIGNATURES} signatures' worth at a time,
 * and each 32 bytes are handed out once and then erased: under load, one call into the
 * platform generator (a lock and a kernel read) per signature cost more than the rest of
 * the signature's Java work. {@link #sign(byte[], byte[])} takes {@code aux_rand} from the caller, for
 * reproducible test vectors. Immutable and safe for concurrent use.
 *
 * <p>Implementation: 32-byte messages (the oracle signs SHA-256 digests) go to libsecp256k1:
 * first the system library through FFM with a key pair prepared once ({@link
 * SystemLibSecp256k1}, Debian {@code libsecp256k1-1}), else the JNI binding on the class path;
 * both are constant-time and several times faster than Java. Everything else, and every
 * message when neither loads, uses the pure-Java implementation.
 * Both produce identical bytes for the same key, message and {@code aux_rand} (tested).
 * {@link #implementation()} says which is in use.
 */
public final class Bip340Signer implements PublicKeySign {
  /** Length of {@code aux_rand}. */
  public static final int AUX_RAND_LENGTH = 32;
  /** How many signatures' {@code aux_rand} one draw from the generator provides. */
  static final int AUX_POOL_SIGNATURES = 32;

  private final Bip340Math.SigningKey key;
  private final AuxPool aux;
  private final Optional<LibSecp256k1> lib;
  private final byte[] secret; // only for the JNI binding, which takes the unadjusted key
  private final Optional<SystemLibSecp256k1.Keypair> system;

  private Bip340Signer(
      Bip340Math.SigningKey key,
      SecureRandom random,
      Optional<LibSecp256k1> lib,
      byte[] secret,
      Optional<SystemLibSecp256k1.Keypair> system) {
    this.key = key;
    this.aux = new AuxPool(random);
    this.lib = lib;
    this.secret = secret;
    this.system = system;
  }

  /** A signer drawing {@code aux_rand} from a new {@link SecureRandom}. */
  public static Bip340Signer create(Secp256k1PrivateKey privateKey) {
    return create(privateKey, new SecureRandom());
  }

  public static Bip340Signer create(Secp256k1PrivateKey privateKey, SecureRandom random) {
    Optional<SystemLibSecp256k1> system = SystemLibSecp256k1.instance();
    if (system.isPresent()) {
      byte[] scalar = privateKey.scalar().toByteArray();
      try {
        return new Bip340Signer(Bip340Math.signingKey(privateKey.d()), random, Optional.empty(), null,
            Optional.of(system.get().keypair(scalar)));
      } finally {
        java.util.Arrays.fill(scalar, (byte) 0);
      }
    }
    return create(privateKey, random, LibSecp256k1.instance());
  }

  /** For tests and benchmarks: the pure-Java implementation only. */
  static Bip340Signer createPureJava(Secp256k1PrivateKey privateKey, SecureRandom random) {
    return create(privateKey, random, Optional.empty());
  }

  /** For tests and benchmarks: the JNI binding (or Java where it does not load). */
  static Bip340Signer createJni(Secp256k1PrivateKey privateKey, SecureRandom random) {
    return create(privateKey, random, LibSecp256k1.instance());
  }

  private static Bip340Signer create(
      Secp256k1PrivateKey privateKey, SecureRandom random, Optional<LibSecp256k1> lib) {
    byte[] secret = lib.isPresent() ? privateKey.scalar().toByteArray() : null;
    return new Bip340Signer(Bip340Math.signingKey(privateKey.d()), random, lib, secret, Optional.empty());
  }

  /**
   * {@code "libsecp256k1"} when 32-byte messages are signed natively (system library or JNI
   * binding), else {@code "java"}.
   */
  public String implementation() {
    return system.isPresent() || lib.isPresent() ? "libsecp256k1" : "java";
  }

  /** {@code "system"} (FFM), {@code "jni"} or {@code "java"}: which native path signs. */
  public String nativeBinding() {
    return system.isPresent() ? "system" : lib.isPresent() ? "jni" : "java";
  }

  /** The x-only public key that verifies this signer's signatures. */
  public Bip340PublicKey publicKey() {
    return Bip340PublicKey.trusted(key.publicKey().clone());
  }

  /** Signs {@code message} with fresh {@code aux_rand}. */
  @Override
  public byte[] sign(byte[] message) {
    byte[] auxRand = new byte[AUX_RAND_LENGTH];
    aux.draw(auxRand);
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
    if (message.length == 32 && system.isPresent()) {
      return system.get().sign(message, auxRand);
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

  /** {@code aux_rand} bytes drawn in blocks; every byte is handed out once, then zeroed. */
  private static final class AuxPool {
    private final SecureRandom random;
    private final byte[] pool = new byte[AUX_RAND_LENGTH * AUX_POOL_SIGNATURES];
    private final ReentrantLock lock = new ReentrantLock();
    private int next = pool.length;

    AuxPool(SecureRandom random) {
      this.random = random;
    }

    void draw(byte[] out) {
      lock.lock();
      try {
        if (next == pool.length) {
          random.nextBytes(pool);
          next = 0;
        }
        System.arraycopy(pool, next, out, 0, out.length);
        java.util.Arrays.fill(pool, next, next + out.length, (byte) 0);
        next += out.length;
      } finally {
        lock.unlock();
      }
    }
  }
}
