/**
 * The capability-token authority ({@code cryptod} of seed 004) and the entropy source
 * ({@code entropyd}): the ACL of subjects and scopes, per-scope policy (lifetime, required
 * attested evidence), operator TOTP with rate limits and a replay guard, issuing, signed
 * attestations, revocation, key rotation, its own DRBG reseeded from entropyd, and an audit
 * record in the transparency log for every attempt and decision.
 *
 * <p>Layer: depends on {@code castellan-core}, {@code castellan-transport}, {@code
 * castellan-tokens}, {@code castellan-attestation} (appraising the evidence a scope
 * requires), {@code castellan-log} (audit records) and {@code castellan-keys} (sealed
 * signing keys and TOTP secrets). The server and the CLI sit above it.
 */
package dev.castellan.authority;
