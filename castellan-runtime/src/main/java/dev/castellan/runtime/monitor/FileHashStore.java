package dev.castellan.runtime.monitor;

import dev.castellan.log.storage.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The embedded store: one file ({@code <data>/monitor/hashes}), one line per file,
 * {@code <128 hex> <base64url(path)>}, so that any byte in a name survives. Writes are
 * buffered in memory; {@link #flush} rewrites the file (temporary file, fsync, atomic rename,
 * fsync of the directory), so a crash leaves the old or the new map, never a torn one.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} entries of paths up to {@value #MAX_PATH_BYTES}
 * bytes, so the file stays under about 5.6 GB in the worst case and a few hundred bytes per
 * entry in practice; a flush is linear in the entries (fine for the directories a monitor
 * watches; a larger tree belongs in NATS KV).
 */
public final class FileHashStore implements HashStore {
  public static final int MAX_ENTRIES = 1_000_000;
  public static final int MAX_PATH_BYTES = 4096;

  private final Path file;
  private final TreeMap<String, String> entries = new TreeMap<>();
  private boolean dirty;

  private FileHashStore(Path file) {
    this.file = file;
  }

  /** The store of the data directory {@code dataDir}. */
  public static FileHashStore open(Path dataDir) throws IOException {
    Path directory = dataDir.resolve("monitor");
    Files.createDirectories(directory);
    FileHashStore store = new FileHashStore(directory.resolve("hashes"));
    store.read();
    return store;
  }

  /**
   * The store kept in {@code file} (its directory is created): for another owner of the same
   * format, such as the RA web API's {@code <data>/ra/hashes}.
   */
  public static FileHashStore openFile(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileHashStore store = new FileHashStore(file);
    store.read();
    return store;
  }

  private void read() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      lineNumber++;
      int space = line.indexOf(' ');
      try {
        if (space != 128 || !line.substring(0, space).matches("[0-9a-f]{128}")) {
          throw new IllegalArgumentException("not '<128 hex> <base64url path>'");
        }
        String path = new String(Base64.getUrlDecoder().decode(line.substring(space + 1)), StandardCharsets.UTF_8);
        entries.put(path, line.substring(0, space));
      } catch (IllegalArgumentException e) {
        throw new IOException(String.format(Locale.ROOT, "hash store %s line %d: %s", file, lineNumber, e.getMessage()));
      }
      if (entries.size() > MAX_ENTRIES) {
        throw new IOException(String.format(Locale.ROOT, "hash store %s: more than %d entries", file, MAX_ENTRIES));
      }
    }
  }

  @Override
  public Map<String, String> load() {
    return new TreeMap<>(entries);
  }

  @Override
  public void put(String path, String hash) throws IOException {
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      throw new IOException(String.format(Locale.ROOT, "path %s: longer than %d bytes", path, MAX_PATH_BYTES));
    }
    if (!entries.containsKey(path) && entries.size() >= MAX_ENTRIES) {
      throw new IOException(String.format(Locale.ROOT, "hash store %s: full (%d entries)", file, MAX_ENTRIES));
    }
    entries.put(path, hash);
    dirty = true;
  }

  @Override
  public void remove(String path) {
    dirty |= entries.remove(path) != null;
  }

  @Override
  public void flush() throws IOException {
    if (!dirty) {
      return;
    }
    StringBuilder text = new StringBuilder();
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      text.append(entry.getValue()).append(' ')
          .append(encoder.encodeToString(entry.getKey().getBytes(StandardCharsets.UTF_8))).append('\n');
    }
    try {
      AtomicFile.replace(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("hash store " + file + ": the file system cannot rename atomically", e);
    }
    dirty = false;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
