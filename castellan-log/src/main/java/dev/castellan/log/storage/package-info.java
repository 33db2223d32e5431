/**
 * The storage interface owned by the log core (Tessera's model: drivers store, the core owns
 * the lifecycle), and its two engines: {@link dev.castellan.log.storage.EmbeddedStorage}
 * (a directory, no setup) and, for more than one machine, NATS JetStream.
 */
package dev.castellan.log.storage;
