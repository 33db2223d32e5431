package dev.castellan.log.tiles;

import java.util.Locale;

/**
 * C2SP tlog-tiles path and size arithmetic, as pure functions (Tessera's {@code api/layout}).
 * Tiles are 256 hashes wide (height 8): the hash {@code i} of tile {@code n} at level
 * {@code l} is the tree hash of leaves {@code [(n*256+i)*256^l, (n*256+i+1)*256^l)}.
 */
public final class TileLayout {
  /** Hashes in a full tile (and entries in a full bundle). */
  public static final int TILE_WIDTH = 256;
  /** Tree levels spanned by one tile level. */
  public static final int TILE_HEIGHT = 8;

  private TileLayout() {}

  /** {@code tile/<L>/<N>[.p/<W>]}; {@code width} 256 means a full tile. */
  public static String tilePath(int level, long index, int width) {
    if (level < 0 || level > 63) {
      throw new IllegalArgumentException("tile level must be 0 to 63");
    }
    return "tile/" + level + "/" + indexPath(index) + partialSuffix(width);
  }

  /** {@code tile/entries/<N>[.p/<W>]}. */
  public static String entriesPath(long index, int width) {
    return "tile/entries/" + indexPath(index) + partialSuffix(width);
  }

  /** The index as zero-padded 3-digit elements, all but the last prefixed with x: 1234067 is x001/x234/067. */
  public static String indexPath(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("tile index must not be negative");
    }
    String last = String.format(Locale.ROOT, "%03d", index % 1000);
    StringBuilder path = new StringBuilder(last);
    for (long rest = index / 1000; rest > 0; rest /= 1000) {
      path.insert(0, String.format(Locale.ROOT, "x%03d/", rest % 1000));
    }
    return path.toString();
  }

  /** Full tiles at {@code level} in a tree of {@code size} leaves: {@code size / 256^(level+1)}. */
  public static long fullTiles(int level, long size) {
    return shift(size, TILE_HEIGHT * (level + 1));
  }

  /** Width of the partial tile at {@code level}: {@code floor(size / 256^level) mod 256} (0: none). */
  public static int partialWidth(int level, long size) {
    return (int) (shift(size, TILE_HEIGHT * level) % TILE_WIDTH);
  }

  private static long shift(long size, int bits) {
    return bits >= 64 ? 0 : size >>> bits;
  }

  private static String partialSuffix(int width) {
    if (width < 1 || width > TILE_WIDTH) {
      throw new IllegalArgumentException("tile width must be 1 to 256");
    }
    return width == TILE_WIDTH ? "" : ".p/" + width;
  }
}
