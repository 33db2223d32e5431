package dev.castellan.core.cbor;

/**
 * Decoding options: the mode and the bounds that keep a hostile input from costing more than
 * a small multiple of its size in memory or any stack beyond {@code maxDepth} frames.
 *
 * @param mode strictness, see {@link CborMode}
 * @param maxInputBytes the largest accepted input (default 16 MiB)
 * @param maxDepth the deepest nesting of arrays, maps and tags, counting the top item as 1
 *     (default 64; at most 512, which fits in half of a default 1 MiB thread stack)
 * @param maxItems the most data items in one input, keys and values counted separately
 *     (default 2^20: with about 50 bytes per decoded item, roughly 50 MiB at worst)
 */
public record CborLimits(CborMode mode, int maxInputBytes, int maxDepth, int maxItems) {
  public static final int DEFAULT_MAX_INPUT_BYTES = 16 << 20;
  public static final int DEFAULT_MAX_DEPTH = 64;
  public static final int MAX_DEPTH_CEILING = 512;
  public static final int DEFAULT_MAX_ITEMS = 1 << 20;

  /** Strict deterministic decoding with the default bounds. */
  public static final CborLimits DETERMINISTIC =
      new CborLimits(CborMode.DETERMINISTIC, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS);

  /** Well-formed decoding with the default bounds. */
  public static final CborLimits WELL_FORMED =
      new CborLimits(CborMode.WELL_FORMED, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS);

  public CborLimits {
    if (mode == null) {
      throw new IllegalArgumentException("mode is required");
    }
    if (maxInputBytes < 1 || maxDepth < 1 || maxDepth > MAX_DEPTH_CEILING || maxItems < 1) {
      throw new IllegalArgumentException(
          "limits out of range: maxInputBytes >= 1, 1 <= maxDepth <= " + MAX_DEPTH_CEILING + ", maxItems >= 1");
    }
  }

  public CborLimits withMaxInputBytes(int value) {
    return new CborLimits(mode, value, maxDepth, maxItems);
  }

  public CborLimits withMaxDepth(int value) {
    return new CborLimits(mode, maxInputBytes, value, maxItems);
  }

  public CborLimits withMaxItems(int value) {
    return new CborLimits(mode, maxInputBytes, maxDepth, value);
  }
}
