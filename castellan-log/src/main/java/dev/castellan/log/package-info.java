/**
 * The tamper-evident evidence log: signed DAG-CBOR records addressed by CID, an RFC 9162
 * Merkle tree over them, inclusion and consistency proofs, and C2SP signed checkpoints.
 *
 * <p>{@link dev.castellan.log.TransparencyLog} is the entry point: it owns the lifecycle of an
 * append (sequence, make durable, integrate into the tree, publish a checkpoint) in the model
 * of Tessera, over a small {@link dev.castellan.log.storage.LogStorage} interface with an
 * embedded engine and a NATS JetStream engine.
 */
package dev.castellan.log;
