package dev.castellan.core.vrf;

import dev.castellan.core.internal.vrf.EcvrfCipherSuite;
import dev.castellan.core.internal.vrf.EcvrfEngine;
import java.util.Arrays;
import java.util.Objects;

/**
 * Elliptic-curve verifiable random functions, RFC 9381 §5 (ECVRF, as finalised in
 * draft-irtf-cfrg-vrf-15: with the public key in the challenge and encode_to_curve salted with it).
 * Only the holder of the secret key can compute the output beta for an input alpha; anyone with the
 * public key can check it with the proof pi.
 *
 * <p>Contract: {@link #verify} MUST be called with a public key obtained from a trusted source and
 * a suite fixed in advance; it returns beta only for a valid proof and throws otherwise, so a
 * forgotten check cannot pass silently. Proofs are decoded strictly: wrong length, an invalid or
 * non-canonical Gamma, or s ≥ q are rejected. Proving is deterministic (RFC 6979 nonces for P-256,
 * RFC 8032-style nonces for edwards25519).
 */
public final class Ecvrf {
  private Ecvrf() {}

  /**
   * ECVRF_prove (RFC 9381 §5.1): the proof pi for {@code alpha} under {@code privateKey}.
   *
   * @throws VrfException only if encode_to_curve fails 256 times (probability 2^-256)
   */
  public static byte[] prove(EcvrfPrivateKey privateKey, byte[] alpha) throws VrfException {
    Objects.requireNonNull(alpha, "alpha");
    byte[] secret = privateKey.secretCopy();
    try {
      return EcvrfEngine.prove(
          EcvrfCipherSuite.of(privateKey.suite()),
          secret,
          privateKey.publicKey().point().string(),
          alpha);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * ECVRF_verify (RFC 9381 §5.3): the output beta if {@code pi} is a valid proof for {@code alpha}
   * under {@code publicKey}.
   *
   * @throws VrfException when pi is malformed or does not verify
   */
  public static byte[] verify(EcvrfPublicKey publicKey, byte[] pi, byte[] alpha)
      throws VrfException {
    Objects.requireNonNull(pi, "pi");
    Objects.requireNonNull(alpha, "alpha");
    return EcvrfEngine.verify(EcvrfCipherSuite.of(publicKey.suite()), publicKey.point(), pi, alpha);
  }

  /**
   * ECVRF_proof_to_hash (RFC 9381 §5.2): the output beta of {@code pi} without verifying it. Use it
   * only on a proof you produced yourself or have already verified; for a proof from anyone else
   * call {@link #verify}, which returns the same beta.
   *
   * @throws VrfException when pi is malformed (wrong length, invalid Gamma, s ≥ q)
   */
  public static byte[] proofToHash(EcvrfSuite suite, byte[] pi) throws VrfException {
    Objects.requireNonNull(pi, "pi");
    return EcvrfEngine.proofToHash(EcvrfCipherSuite.of(suite), pi);
  }
}
