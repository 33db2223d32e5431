package dev.castellan.authority.entropy;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The authority's own DRBG (seed 004: "cryptod maintains a local DRBG", "entropyd seeds
 * cryptod's DRBG when available"): the JDK's NIST SP 800-90A DRBG (JEP 273; the mechanism is
 * the JDK's {@code securerandom.drbg.config}, Hash_DRBG over SHA-256 by default) at 256
 * bits of security, instantiated from the JDK's entropy source with a personalization
 * string, and reseeded with each entropyd chunk as additional input. An additional input
 * can only add to the state: a chunk that is predictable, or chosen by an attacker, leaves
 * the DRBG as strong as the system entropy it was seeded and reseeded with (SP 800-90A
 * §8.7.2), which is why entropyd's chunks are welcome but never relied on.
 */
public final class AuthorityRandom {
  /** The chunk sizes entropyd may publish (the schema's "64..512 bytes recommended"). */
  public static final int MIN_CHUNK = 64;
  public static final int MAX_CHUNK = 512;

  private final SecureRandom drbg;
  private final AtomicLong reseeds = new AtomicLong();

  private AuthorityRandom(SecureRandom drbg) {
    this.drbg = drbg;
  }

  /**
   * A new DRBG (the JDK's configured mechanism, Hash_DRBG by default); {@code personalization}
   * (e.g. the authority's name) separates instances.
   */
  public static AuthorityRandom create(byte[] personalization) {
    try {
      return new AuthorityRandom(SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(
          256, DrbgParameters.Capability.RESEED_ONLY, personalization.clone())));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK's DRBG (JEP 273) is missing", e);
    }
  }

  /** The generator to draw keys, nonces and token ids from. */
  public SecureRandom random() {
    return drbg;
  }

  /**
   * Reseeds from the JDK's entropy source with {@code chunk} as additional input.
   *
   * @throws IllegalArgumentException if the chunk is not {@value #MIN_CHUNK} to {@value #MAX_CHUNK} bytes
   */
  public void reseed(byte[] chunk) {
    if (chunk.length < MIN_CHUNK || chunk.length > MAX_CHUNK) {
      throw new IllegalArgumentException(
          "an entropy chunk is " + MIN_CHUNK + " to " + MAX_CHUNK + " bytes, got " + chunk.length);
    }
    drbg.reseed(DrbgParameters.reseed(false, chunk.clone()));
    reseeds.incrementAndGet();
  }

  /** How many chunks have been mixed in since instantiation (for the audit record and metrics). */
  public long reseeds() {
    return reseeds.get();
  }

  /** Names the mechanism, never the state. */
  @Override
  public String toString() {
    return drbg + ", " + reseeds.get() + " reseeds"; // e.g. "Hash_DRBG,SHA-256,256,reseed_only, 3 reseeds"
  }
}
