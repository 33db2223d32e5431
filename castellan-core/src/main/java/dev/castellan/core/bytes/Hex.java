package dev.castellan.core.bytes;

import java.util.HexFormat;

/** Lower-case hexadecimal, strict on input: an odd length or a non-hex digit is an error. */
public final class Hex {
  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {}

  public static String encode(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }

  /**
   * Decodes upper- or lower-case hex.
   *
   * @throws IllegalArgumentException naming the problem (never echoing the input, which may
   *     be secret)
   */
  public static byte[] decode(CharSequence hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex string has odd length " + hex.length());
    }
    try {
      return FORMAT.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hex string contains a non-hex character", null);
    }
  }
}
