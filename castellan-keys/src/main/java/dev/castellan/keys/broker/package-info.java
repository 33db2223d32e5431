/**
 * The attestation-gated key broker (issue 11; docs/broker.md): keys with a {@link
 * dev.castellan.keys.broker.KeyPolicy}, an irreversible lock, and the challenge / evidence /
 * answer protocol that releases a key, or decrypts with it, only to evidence the policy
 * accepts, wrapped with HPKE to a key bound in that evidence.
 *
 * <p>Layering: this package depends on castellan-core (HPKE, hashing, CIDs), castellan-attestation
 * (evidence, verifiers, appraisal policy) and the sealing root of castellan-keys, and on nothing
 * server-side: no HTTP, no transparency log. What it needs of the log is the small {@link
 * dev.castellan.keys.broker.DecisionLog} interface, which the server implements with its
 * transparency log; {@code dev.castellan.keys.broker.client} (the caller's side) depends on this
 * package's protocol constants and the JDK's HTTP client only.
 */
package dev.castellan.keys.broker;
