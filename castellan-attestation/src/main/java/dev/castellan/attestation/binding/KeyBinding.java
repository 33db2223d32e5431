package dev.castellan.attestation.binding;

import dev.castellan.core.hash.HashAlgorithm;

/**
 * How the oracle binds its signing key into the measured state (seed 001, "Pubkey
 * attestation via PCR16"): it extends a fresh PCR16 with {@code SHA-256(compressed public
 * key)} and locks it, so a verifier recomputes {@code PCR16 = SHA-384(0^48 ‖ SHA-256(pk))}
 * from the key the oracle serves and compares it with the attested register.
 */
public final class KeyBinding {
  /** The Nitro PCR that carries the signing-key binding. */
  public static final int SIGNING_KEY_PCR = 16;

  private KeyBinding() {}

  /** SHA-256 of the compressed SEC1 public key: what is extended into PCR16. */
  public static byte[] keyHash(byte[] compressedPublicKey) {
    return HashAlgorithm.SHA_256.hash(compressedPublicKey);
  }

  /** The PCR16 value after one extension of a zero register with {@link #keyHash}. */
  public static byte[] expectedPcr16(byte[] compressedPublicKey) {
    return HashAlgorithm.SHA_384.hash(new byte[48], keyHash(compressedPublicKey));
  }
}
