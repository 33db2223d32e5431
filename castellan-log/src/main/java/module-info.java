/**
 * Castellan log: the tamper-evident evidence log (signed DAG-CBOR records, RFC 9162 tree and
 * proofs, C2SP checkpoints and tiles, embedded and NATS JetStream storage). Implementation
 * lives in {@code dev.castellan.log.internal}, which is not exported.
 */
@SuppressWarnings("requires-transitive-automatic") // jnats publishes only an Automatic-Module-Name
module dev.castellan.log {
  requires transitive dev.castellan.core;
  requires transitive io.nats.jnats; // NatsStorage.open takes its Connection

  exports dev.castellan.log;
  exports dev.castellan.log.merkle;
  exports dev.castellan.log.note;
  exports dev.castellan.log.checkpoint;
  exports dev.castellan.log.storage;
  exports dev.castellan.log.tiles;
}
