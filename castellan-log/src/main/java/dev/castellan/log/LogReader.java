package dev.castellan.log;

import dev.castellan.log.merkle.HashTree;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.storage.LogStorage;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A read-only view of a stored log, for readers beside the writer (a CLI, a second server):
 * records by index or CID, the stored checkpoint, and proofs from a tree rebuilt from the
 * records when opened. It verifies nothing; use {@link LogVerifier} for that, and clients
 * verify what they are given.
 */
public final class LogReader implements Closeable {
  private final LogStorage storage;
  private final HashTree tree = new HashTree();

  private LogReader(LogStorage storage) {
    this.storage = storage;
  }

  /** Reads every stored record once to rebuild the tree; owns and closes {@code storage}. */
  public static LogReader open(LogStorage storage) throws IOException, LogCorruptionException {
    LogReader reader = new LogReader(storage);
    long size = storage.size();
    for (long i = 0; i < size; i++) {
      reader.tree.appendLeafHash(TreeHasher.leafHash(storage.read(i)));
    }
    return reader;
  }

  /** Records readable (and in the tree). */
  public long size() {
    return tree.size();
  }

  public Optional<byte[]> checkpointNote() throws IOException {
    return storage.checkpoint();
  }

  public byte[] recordBytes(long index) throws IOException, LogCorruptionException {
    if (index < 0 || index >= size()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "no record %d in a log of %d records", index, size()));
    }
    return storage.read(index);
  }

  public LogRecord record(long index) throws IOException, LogException {
    return LogRecord.decode(recordBytes(index));
  }

  public OptionalLong indexOf(String cid) throws IOException {
    return storage.indexOf(cid);
  }

  public byte[] leafHash(long index) {
    return tree.leafHash(index);
  }

  public byte[] root(long treeSize) {
    return tree.root(treeSize);
  }

  public List<byte[]> inclusionProof(long index, long treeSize) {
    return tree.inclusionProof(index, treeSize);
  }

  public List<byte[]> consistencyProof(long size1, long size2) {
    return tree.consistencyProof(size1, size2);
  }

  @Override
  public void close() throws IOException {
    storage.close();
  }
}
