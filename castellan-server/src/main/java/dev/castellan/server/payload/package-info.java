/**
 * The payload service (seed 002 §2 and §8.1, docs/agent.md, "Payload services"): a small
 * example service that runs on the attesting VM, answers requests and signs every response
 * with its secp256k1 ECDSA key, whose public key is in its leaf of the agent's service tree.
 *
 * <p>May depend on: castellan-core (signatures), castellan-keys (atomic key files) and this
 * module's HTTP front ({@code dev.castellan.server.http}).
 */
package dev.castellan.server.payload;
