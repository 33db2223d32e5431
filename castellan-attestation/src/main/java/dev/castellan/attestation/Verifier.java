package dev.castellan.attestation;

/**
 * A Verifier (RFC 9334 §3.3) for one platform: authenticates evidence and turns it into
 * typed claims.
 *
 * <p>Contract: {@link #verify} MUST either return a result whose every {@link Check} passed,
 * or throw an {@link AttestationException} naming the failed check; it MUST NOT throw any
 * other exception for any input bytes. It MUST validate certificate chains to a pinned
 * {@link TrustAnchors} root at the request's time, MUST check the request's {@link
 * Freshness} exactly (never pad or truncate) and MUST label results from simulated roots as
 * simulated. Appraisal against reference values is separate ({@code policy.Appraisal}).
 * Implementations are immutable and thread-safe.
 */
public interface Verifier {
  /** The platform whose evidence this verifier accepts. */
  Platform platform();

  /**
   * Verifies {@code evidence}.
   *
   * @throws MalformedEvidenceException if the evidence is for another platform or malformed
   * @throws AttestationException (a subclass) naming the first failed check
   */
  AttestationResult verify(Evidence evidence, VerificationRequest request)
      throws AttestationException;
}
