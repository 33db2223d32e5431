package dev.castellan.cli.log;

import dev.castellan.log.LogException;
import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.note.Note;
import dev.castellan.log.storage.LogStorage;
import dev.castellan.log.storage.StoredRecord;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A server's log as read-only {@link LogStorage}, so that {@code LogVerifier} and the CAR
 * export run unchanged over {@code --url}. The checkpoint is fetched once, when opened, and
 * the log's size is the size it claims: records beyond it may be appended meanwhile and are
 * not read, so the records and the checkpoint always describe the same tree. Nothing is
 * trusted here; the checkpoint's signature and the records are for the verifier to check.
 */
final class RemoteStorage implements LogStorage {
  private final RemoteLog remote;
  private final byte[] checkpoint;
  private final long size;

  private RemoteStorage(RemoteLog remote, byte[] checkpoint, long size) {
    this.remote = remote;
    this.checkpoint = checkpoint;
    this.size = size;
  }

  static RemoteStorage open(RemoteLog remote) throws IOException, LogException {
    byte[] note = remote.checkpoint();
    return new RemoteStorage(remote, note, Checkpoint.parse(Note.parse(note).text()).size());
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public byte[] read(long index) throws IOException {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("no record " + index);
    }
    return remote.record(index);
  }

  @Override
  public OptionalLong indexOf(String cid) throws IOException {
    Optional<RemoteLog.Fetched> found = remote.find(cid);
    return found.isPresent() && found.get().index() < size ? OptionalLong.of(found.get().index()) : OptionalLong.empty();
  }

  @Override
  public Optional<byte[]> checkpoint() {
    return Optional.of(checkpoint.clone());
  }

  @Override
  public void append(long firstIndex, List<StoredRecord> records) throws IOException {
    throw new IOException("a server's log is read-only here: append with POST /v1/log/records");
  }

  @Override
  public void writeCheckpoint(byte[] note) throws IOException {
    throw new IOException("a server's log is read-only here");
  }

  @Override
  public void close() {
    // The HTTP client holds no resources that need closing per use.
  }
}
