/**
 * Appraisal of attestation results against an {@link
 * dev.castellan.attestation.policy.AppraisalPolicy} (RFC 9334 §8.5 "Appraisal Policy for
 * Evidence"): reference values per platform, debug and simulator rules. The outcome is a
 * {@link dev.castellan.attestation.policy.Verdict} listing every check.
 */
package dev.castellan.attestation.policy;
