package dev.castellan.log.storage;

import dev.castellan.log.LogCorruptionException;
import dev.castellan.log.LogException;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the log core needs from a storage engine: an append-only sequence of records indexed
 * from 0, a CID index, and the latest signed checkpoint. The core is the single writer and
 * owns batching, deduplication, integration and signing; an engine only stores.
 *
 * <p>Contract for engines:
 *
 * <ul>
 *   <li>{@link #append} MUST return only once every record in the batch is durable (an
 *       acknowledged record survives a crash of the process or, for a replicated engine, the
 *       loss of a minority of nodes), and MUST fail without storing anything if
 *       {@code firstIndex} is not the current size (another writer, or a lost state).
 *   <li>{@link #read} MUST return the exact bytes appended, or throw
 *       {@link LogCorruptionException} naming the index when the stored bytes are detectably
 *       damaged.
 *   <li>{@link #writeCheckpoint} MUST replace the checkpoint atomically and durably.
 *   <li>Engines MUST be safe for one writer thread concurrent with many readers.
 * </ul>
 */
public interface LogStorage extends Closeable {
  /** The number of durable records. */
  long size() throws IOException;

  /** Durably appends {@code records} at indices {@code firstIndex, firstIndex + 1, ...}. */
  void append(long firstIndex, List<StoredRecord> records) throws IOException, LogException;

  /** The exact bytes of record {@code index}; {@code index} MUST be below {@link #size()}. */
  byte[] read(long index) throws IOException, LogCorruptionException;

  /** The index of the record with this CID, if stored. */
  OptionalLong indexOf(String cid) throws IOException;

  /** The latest signed checkpoint note, verbatim, if one was written. */
  Optional<byte[]> checkpoint() throws IOException;

  /** Atomically and durably replaces the checkpoint note. */
  void writeCheckpoint(byte[] note) throws IOException;

  /** Receives records in index order from {@link #scan}. */
  @FunctionalInterface
  interface RecordVisitor {
    void visit(long index, byte[] bytes) throws IOException, LogException;
  }

  /**
   * Reads records {@code [from, to)} in order; engines override it where a sequential read is
   * much faster than one {@link #read} per record (a network round trip each).
   */
  default void scan(long from, long to, RecordVisitor visitor) throws IOException, LogException {
    for (long i = from; i < to; i++) {
      visitor.visit(i, read(i));
    }
  }

  /**
   * Earlier checkpoints this storage kept, oldest first (the latest may be among them). They
   * are signed, so storage need not protect them; verification uses them to narrow down where
   * records that still frame correctly were changed. Engines MAY keep none.
   */
  default List<byte[]> checkpointHistory() throws IOException {
    return List.of();
  }

  /**
   * Damage found when the storage was opened for reading only: the first record at or below
   * the checkpoint's size that could not be read back intact. Writable engines refuse to open
   * instead, so this is empty for them.
   */
  default Optional<LogCorruptionException> damage() {
    return Optional.empty();
  }
}
