/**
 * Remote attestation (IETF RATS, RFC 9334): {@link dev.castellan.attestation.Evidence},
 * {@link dev.castellan.attestation.Attester} and {@link dev.castellan.attestation.Verifier}
 * per {@link dev.castellan.attestation.Platform}, typed {@link
 * dev.castellan.attestation.Claims}, pinned {@link dev.castellan.attestation.TrustAnchors}
 * and the checked {@link dev.castellan.attestation.AttestationException} hierarchy.
 * Appraisal against reference values lives in {@code dev.castellan.attestation.policy}.
 */
package dev.castellan.attestation;
