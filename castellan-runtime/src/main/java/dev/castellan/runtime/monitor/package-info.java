/**
 * The file-system integrity monitor (seed 003's fs-monitor): a recursive {@link
 * java.nio.file.WatchService} watch of one directory, {@code .fsignore} patterns ({@link
 * dev.castellan.runtime.monitor.IgnoreRules}), debounced streaming SHA-3-512 hashing, the current
 * hashes in a {@link dev.castellan.runtime.monitor.HashStore} (embedded file or NATS KV bucket
 * {@code fs_hashes}) and every change (created, modified, deleted, renamed) appended as a signed
 * record to the transparency log, so a file's history is tamper-evident (docs/monitor.md).
 *
 * <p>May depend on: castellan-core (the digest), castellan-log (records, the log, the record
 * key), jnats (the KV store, as castellan-log's JetStream engine), BouncyCastle's lightweight
 * SHA-3 (faster than the JDK's, {@link dev.castellan.runtime.monitor.FileHasher}), Jackson (the
 * record's JSON) and the JDK.
 * Not on the other runtime components, nor on castellan-server or castellan-keys.
 */
package dev.castellan.runtime.monitor;
