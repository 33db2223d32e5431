/**
 * A sparse Merkle tree of depth 256 over SHA-256, with 32-byte keys and values, and its compact
 * membership and non-membership proofs. Castellan uses it to commit to the set of services it
 * vouches for (key = SHA-256 of the service name, value = SHA-256 of image hash and key hash).
 *
 * <p>{@link dev.castellan.core.smt.SparseMerkleTree} builds the tree and proves; {@link
 * dev.castellan.core.smt.SmtProof} decodes and verifies proofs on the other side and needs no
 * tree. The byte layout of hashes and proofs is specified in {@code docs/smt.md}; a proof from
 * any implementation of that document verifies here and vice versa.
 *
 * <p>Depends only on the JDK and {@code dev.castellan.core.bytes} / {@code dev.castellan.core.hash}
 * (its implementation is in the unexported {@code dev.castellan.core.internal.smt}).
 */
package dev.castellan.core.smt;
