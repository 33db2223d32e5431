package dev.castellan.log.tiles;

import dev.castellan.log.LogException;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.NodeSource;
import dev.castellan.log.merkle.TreeHasher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes a log as C2SP tlog-tiles static files under a directory: every hash tile and entry
 * bundle a tree of the checkpoint's size needs, then {@code checkpoint} last, so a reader
 * never sees a checkpoint whose tiles are missing. Full tiles are immutable and written once;
 * partial ones are replaced. Each file is written to a temporary name and renamed.
 *
 * <p>Entry bundles prefix each entry with a big-endian uint16 length, so a record longer than
 * 65,535 bytes cannot be written as a tile entry: {@link #write} refuses it.
 */
public final class TileWriter {
  /** The largest entry an entry bundle can hold. */
  public static final int MAX_ENTRY_BYTES = 0xffff;

  /** Where the writer reads entries (record bytes) from. */
  @FunctionalInterface
  public interface EntrySource {
    byte[] entry(long index) throws IOException, LogException;
  }

  private TileWriter() {}

  /** Writes the tiles for {@code checkpoint}'s size from {@code nodes} and {@code entries} into {@code root}. */
  public static void write(Path root, SignedCheckpoint checkpoint, NodeSource nodes, EntrySource entries)
      throws IOException, LogException {
    long size = checkpoint.checkpoint().size();
    for (int level = 0; level < 8 && (TileLayout.fullTiles(level, size) > 0 || TileLayout.partialWidth(level, size) > 0); level++) {
      long full = TileLayout.fullTiles(level, size);
      for (long n = 0; n < full; n++) {
        writeTile(root, level, n, TileLayout.TILE_WIDTH, nodes, true);
      }
      int partial = TileLayout.partialWidth(level, size);
      if (partial > 0) {
        writeTile(root, level, full, partial, nodes, false);
      }
    }
    long fullBundles = TileLayout.fullTiles(0, size);
    for (long n = 0; n < fullBundles; n++) {
      writeBundle(root, n, TileLayout.TILE_WIDTH, entries, true);
    }
    int partial = TileLayout.partialWidth(0, size);
    if (partial > 0) {
      writeBundle(root, fullBundles, partial, entries, false);
    }
    replace(root.resolve("checkpoint"), checkpoint.note());
  }

  private static void writeTile(Path root, int level, long n, int width, NodeSource nodes, boolean immutable)
      throws IOException {
    Path file = root.resolve(TileLayout.tilePath(level, n, width));
    if (immutable && Files.exists(file)) {
      return;
    }
    ByteBuffer tile = ByteBuffer.allocate(width * TreeHasher.HASH_LENGTH);
    for (int i = 0; i < width; i++) {
      tile.put(nodes.node(TileLayout.TILE_HEIGHT * level, n * TileLayout.TILE_WIDTH + i));
    }
    replace(file, tile.array());
  }

  private static void writeBundle(Path root, long n, int width, EntrySource entries, boolean immutable)
      throws IOException, LogException {
    Path file = root.resolve(TileLayout.entriesPath(n, width));
    if (immutable && Files.exists(file)) {
      return;
    }
    java.io.ByteArrayOutputStream bundle = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < width; i++) {
      long index = n * TileLayout.TILE_WIDTH + i;
      byte[] entry = entries.entry(index);
      if (entry.length > MAX_ENTRY_BYTES) {
        throw new LogException(String.format(Locale.ROOT,
            "record %d is %d bytes, more than a tlog-tiles entry bundle can hold (65535)", index, entry.length));
      }
      bundle.write(entry.length >>> 8);
      bundle.write(entry.length);
      bundle.writeBytes(entry);
    }
    replace(file, bundle.toByteArray());
  }

  private static void replace(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(temporary, content);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
