/**
 * Capability tokens (seed 004, "CapabilityToken.md"): COSE_Sign1 over a CWT with the
 * issuer, subject, audience, lifetime, token id, scopes and nonce; the signed key set and
 * revocation list that verifiers consume; the CBOR envelope protocol of the seed's
 * {@code vchan_schema.yaml}; and the stateless enforcement library ({@code policy_pd}).
 *
 * <p>Layer: depends on {@code castellan-core} only, so a relying party embeds the verifier
 * without the authority, the log or the attestation stack. The authority
 * ({@code castellan-authority}) issues what this module verifies.
 */
package dev.castellan.tokens;
