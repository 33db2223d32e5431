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
  public static LogReader open(LogStorage storage) throws IOException, LogException {
    LogReader reader = new LogReader(storage);
    try {
      storage.scan(0, storage.size(), (index, bytes) -> reader.tree.appendLeafHash(TreeHasher.leafHash(bytes)));
    } catch (IOException | LogException | RuntimeException e) {
      storage.close();
      throw e;
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

  /**
   * Writes the stored checkpoint's tree as C2SP tlog-tiles static files under {@code directory}
   * (checkpoint, hash tiles, entry bundles). The checkpoint is copied verbatim, unverified.
   */
  public void writeTiles(java.nio.file.Path directory) throws IOException, LogException {
    byte[] note = checkpointNote().orElseThrow(() -> new LogException("the log has no checkpoint yet"));
    var checkpoint = dev.castellan.log.checkpoint.Checkpoint.parse(dev.castellan.log.note.Note.parse(note).text());
    if (checkpoint.size() > size()) {
      throw new LogCorruptionException(size(), "missing: the checkpoint covers more records than are stored");
    }
    dev.castellan.log.tiles.TileWriter.write(directory,
        new dev.castellan.log.checkpoint.SignedCheckpoint(checkpoint, note), tree, this::recordBytes);
  }

  @Override
  public void close() throws IOException {
    storage.close();
  }
}
