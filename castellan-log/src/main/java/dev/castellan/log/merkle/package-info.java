/**
 * RFC 9162 section 2.1 Merkle tree hashing and proofs, as pure functions (Tessera's
 * {@code api/layout} style): leaf and node hashes, the hash of any range of leaves, inclusion
 * and consistency proof generation over a {@link dev.castellan.log.merkle.NodeSource}, and
 * verification that throws {@link dev.castellan.log.ProofException}.
 */
package dev.castellan.log.merkle;
