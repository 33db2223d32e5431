package dev.castellan.log.storage;

import dev.castellan.log.LogCorruptionException;
import dev.castellan.log.LogException;
import dev.castellan.log.internal.Cids;
import dev.castellan.log.internal.LongList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded engine: a data directory with no setup, crash-safe.
 *
 * <p>Layout: {@code records.log}, an append-only file of frames {@code [u32 payload length]
 * [u64 index][u32 CRC32C of the previous 12 bytes and the payload][payload]}; {@code
 * checkpoint}, the latest signed checkpoint, replaced by write-to-temporary, fsync, atomic
 * rename and fsync of the directory; {@code checkpoints.log}, every checkpoint published, each
 * a u32 length and the note (not fsynced: signed notes protect themselves, and it only helps
 * verification narrow down damage); {@code LOCK}, held by the one writer.
 *
 * <p>Durability: a batch of frames is written with one positional write and made durable
 * with one {@code fdatasync} ({@link FileChannel#force force(false)}) before {@link #append}
 * returns. Recovery: on opening for writing, the frames are scanned; the first frame that is
 * incomplete, fails its CRC or carries the wrong index ends the log. If it lies beyond the
 * latest checkpoint's size it is a torn write of a batch that was never acknowledged and is
 * truncated; if the checkpoint covers it, the log was damaged and opening fails with the
 * index, so that evidence is never silently cut away. The CID index and record offsets are
 * rebuilt in memory by that scan.
 */
public final class EmbeddedStorage implements LogStorage {
  static final int HEADER_BYTES = 16;
  private static final String RECORDS = "records.log";
  private static final String CHECKPOINT = "checkpoint";
  private static final String HISTORY = "checkpoints.log";

  private final Path dir;
  private final FileChannel records;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final LongList offsets = new LongList();
  private final ConcurrentHashMap<String, Long> cids = new ConcurrentHashMap<>();
  private final LogCorruptionException damage;
  private final int maxRecordBytes;
  private volatile long size;
  private long end;
  private Optional<byte[]> snapshot = Optional.empty(); // read-only: the checkpoint read at open
  private boolean failed;

  private EmbeddedStorage(Path dir, boolean writable, int maxRecordBytes) throws IOException, LogCorruptionException {
    this.dir = dir;
    this.maxRecordBytes = maxRecordBytes;
    if (writable) {
      Files.createDirectories(dir);
      lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held;
      try {
        held = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        lockChannel.close();
        throw new LogInUseException("the log in " + dir + " is open by another writer");
      }
      lock = held;
      boolean created = !Files.exists(dir.resolve(RECORDS));
      records = FileChannel.open(dir.resolve(RECORDS), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (created) {
        // The new file's directory entry must be durable before any append is acknowledged.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
          directory.force(true);
        }
      }
    } else {
      lockChannel = null;
      lock = null;
      if (!Files.isRegularFile(dir.resolve(RECORDS))) {
        throw new IOException("no log in " + dir);
      }
      records = FileChannel.open(dir.resolve(RECORDS), StandardOpenOption.READ);
    }
    LogCorruptionException found = null;
    try {
      found = recover(writable);
    } catch (IOException | LogCorruptionException | RuntimeException e) {
      close();
      throw e;
    }
    damage = found;
  }

  /** Opens (creating if needed) the log in {@code dir} as its single writer, recovering a torn tail. */
  public static EmbeddedStorage open(Path dir, int maxRecordBytes) throws IOException, LogCorruptionException {
    return new EmbeddedStorage(dir, true, maxRecordBytes);
  }

  /**
   * Opens the log in {@code dir} for reading only (verification): nothing is written or
   * truncated, and damage is reported by {@link #damage()} instead of refusing to open. The
   * checkpoint is read once, before the records, so that a writer running meanwhile cannot
   * make a newer checkpoint look ahead of the records this reader saw.
   */
  public static EmbeddedStorage openReadOnly(Path dir, int maxRecordBytes) throws IOException {
    try {
      return new EmbeddedStorage(dir, false, maxRecordBytes);
    } catch (LogCorruptionException e) {
      throw new IllegalStateException("read-only open reports damage instead of throwing", e);
    }
  }

  private LogCorruptionException recover(boolean writable) throws IOException, LogCorruptionException {
    long checkpointSize;
    LogCorruptionException checkpointDamage = null;
    try {
      Optional<byte[]> stored = CheckpointFiles.read(dir.resolve(CHECKPOINT));
      if (!writable) {
        snapshot = stored; // a reader sees the checkpoint that matches the records it scanned
      }
      checkpointSize = CheckpointFiles.size(stored);
    } catch (LogCorruptionException e) {
      if (writable) {
        throw e;
      }
      checkpointDamage = e;
      checkpointSize = 0;
    }
    long fileSize = records.size();
    FrameScanner scanner = new FrameScanner(records, maxRecordBytes);
    long index = 0;
    long position = 0;
    String problem = null;
    while (position < fileSize) {
      FrameScanner.Frame frame = scanner.next(position, index);
      if (frame.problem() != null) {
        problem = frame.problem();
        break;
      }
      offsets.add(position);
      cids.putIfAbsent(Cids.string(frame.payload()), index);
      position += HEADER_BYTES + frame.payload().length;
      index++;
    }
    size = index;
    end = position;
    if (problem == null && index >= checkpointSize) {
      return checkpointDamage;
    }
    if (index < checkpointSize) {
      LogCorruptionException damaged = new LogCorruptionException(index,
          problem == null
              ? String.format(Locale.ROOT, "missing: the log ends at %d but its checkpoint covers %d records", index, checkpointSize)
              : problem);
      if (writable) {
        throw damaged;
      }
      return damaged;
    }
    if (writable) {
      // A torn tail beyond the last checkpoint: a batch that was never acknowledged.
      records.truncate(position);
      records.force(true);
    }
    return checkpointDamage;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public synchronized void append(long firstIndex, List<StoredRecord> batch) throws IOException, LogException {
    if (lock == null) {
      throw new IOException("log storage is open read-only");
    }
    if (failed) {
      throw new IOException("log storage failed earlier; reopen it to recover");
    }
    if (firstIndex != size) {
      throw new LogException(String.format(Locale.ROOT, "append at %d but the log has %d records", firstIndex, size));
    }
    int total = 0;
    for (StoredRecord r : batch) {
      total = Math.addExact(total, HEADER_BYTES + r.bytes().length);
    }
    ByteBuffer buffer = ByteBuffer.allocate(total);
    long[] positions = new long[batch.size()];
    long position = end;
    long index = firstIndex;
    for (int i = 0; i < batch.size(); i++) {
      positions[i] = position;
      byte[] payload = batch.get(i).bytes();
      FrameScanner.writeFrame(buffer, index++, payload);
      position += HEADER_BYTES + payload.length;
    }
    buffer.flip();
    try {
      long at = end;
      while (buffer.hasRemaining()) {
        at += records.write(buffer, at);
      }
      records.force(false);
    } catch (IOException e) {
      // Never leave a partial batch behind a later one: cut back to the last durable frame.
      try {
        records.truncate(end);
        records.force(true);
      } catch (IOException again) {
        failed = true;
        e.addSuppressed(again);
      }
      throw e;
    }
    for (int i = 0; i < batch.size(); i++) {
      offsets.add(positions[i]);
      cids.putIfAbsent(batch.get(i).cid(), firstIndex + i);
    }
    end = position;
    size = firstIndex + batch.size();
  }

  @Override
  public byte[] read(long index) throws IOException, LogCorruptionException {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("no record " + index);
    }
    FrameScanner.Frame frame = new FrameScanner(records, maxRecordBytes).next(offsets.get(index), index);
    if (frame.problem() != null) {
      throw new LogCorruptionException(index, frame.problem());
    }
    return frame.payload();
  }

  @Override
  public OptionalLong indexOf(String cid) {
    Long index = cids.get(cid);
    return index == null ? OptionalLong.empty() : OptionalLong.of(index);
  }

  @Override
  public Optional<byte[]> checkpoint() throws IOException {
    if (lock == null) {
      return snapshot.map(byte[]::clone);
    }
    return CheckpointFiles.read(dir.resolve(CHECKPOINT));
  }

  @Override
  public void writeCheckpoint(byte[] note) throws IOException {
    if (lock == null) {
      throw new IOException("log storage is open read-only");
    }
    AtomicFile.replace(dir.resolve(CHECKPOINT), note);
    CheckpointFiles.appendToHistory(dir.resolve(HISTORY), note);
  }

  @Override
  public List<byte[]> checkpointHistory() throws IOException {
    return CheckpointFiles.readHistory(dir.resolve(HISTORY));
  }

  @Override
  public Optional<LogCorruptionException> damage() {
    return Optional.ofNullable(damage);
  }

  /** The directory of this log. */
  public Path directory() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    try {
      records.close();
    } finally {
      if (lock != null) {
        lock.release();
        lockChannel.close();
      }
    }
  }
}
