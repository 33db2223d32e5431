package dev.castellan.server.ra;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.log.storage.AtomicFile;
import dev.castellan.runtime.monitor.FileHashStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded store, in {@code <data>/ra/}: the hashes in the monitor's one-file format
 * ({@code hashes}, {@link FileHashStore}, rewritten atomically on {@link #flush}) and one file
 * per record, {@code docs/<SHA-256(path) hex>.json}, each written atomically and durably. Its
 * hashes are held in memory (at most {@link FileHashStore#MAX_ENTRIES}), which is what the
 * store's format already assumes.
 */
public final class EmbeddedRaStore implements RaStore {
  private final Path directory;
  private final Path docs;
  private final FileHashStore hashes;
  private final Map<String, String> cache;

  private EmbeddedRaStore(Path directory, FileHashStore hashes) throws IOException {
    this.directory = directory;
    this.docs = directory.resolve("docs");
    this.hashes = hashes;
    this.cache = new java.util.concurrent.ConcurrentHashMap<>(hashes.load());
    Files.createDirectories(docs);
  }

  /** The store of the data directory {@code dataDirectory}. */
  public static EmbeddedRaStore open(Path dataDirectory) throws IOException {
    Path directory = dataDirectory.resolve("ra");
    return new EmbeddedRaStore(directory, FileHashStore.openFile(directory.resolve("hashes")));
  }

  @Override
  public void put(RaRecord record) throws IOException {
    try {
      AtomicFile.replace(docFile(record.path()), record.encode());
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("RA store " + docs + ": the file system cannot rename atomically", e);
    }
    String hash = Hex.encode(record.hash());
    synchronized (hashes) {
      hashes.put(record.path(), hash);
    }
    cache.put(record.path(), hash);
  }

  @Override
  public Optional<String> hash(String path) {
    return Optional.ofNullable(cache.get(path));
  }

  @Override
  public Optional<RaRecord> record(String path) throws IOException {
    Path file = docFile(path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (Files.size(file) > RaRecord.MAX_BYTES) {
      throw new IOException("RA record " + file + " is larger than " + RaRecord.MAX_BYTES + " bytes");
    }
    RaRecord record = RaRecord.decode(Files.readAllBytes(file));
    if (!record.path().equals(path)) {
      throw new IOException("RA record " + file + " is for another path");
    }
    return Optional.of(record);
  }

  @Override
  public void flush() throws IOException {
    synchronized (hashes) {
      hashes.flush();
    }
  }

  @Override
  public String describe() {
    return directory.toString();
  }

  @Override
  public void close() throws IOException {
    flush();
  }

  private Path docFile(String path) {
    return docs.resolve(Hex.encode(HashAlgorithm.SHA_256.hash(path.getBytes(StandardCharsets.UTF_8))) + ".json");
  }
}
