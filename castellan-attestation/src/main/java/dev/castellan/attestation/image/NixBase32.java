package dev.castellan.attestation.image;

import java.util.Arrays;

/**
 * Nix's base-32 (nix {@code libutil/hash.cc}, {@code printHash32}): the alphabet {@code
 * 0123456789abcdfghijklmnpqrsvwxyz} (no {@code e o u t}), and the bits read from the end of
 * the byte string: character {@code k} of the text holds bits {@code 5(n-1-k) ..
 * 5(n-1-k)+4} of the bytes taken as one little-endian number, where {@code n = ceil(8
 * length / 5)}. It is not RFC 4648 base-32, which reads from the front.
 */
public final class NixBase32 {
  static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";
  private static final int[] VALUES = new int[128];

  static {
    Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = i;
    }
  }

  private NixBase32() {}

  /** The number of characters for {@code length} bytes: 52 for SHA-256. */
  public static int encodedLength(int length) {
    return length == 0 ? 0 : (length * 8 - 1) / 5 + 1;
  }

  public static String encode(byte[] bytes) {
    int length = encodedLength(bytes.length);
    StringBuilder text = new StringBuilder(length);
    for (int n = length - 1; n >= 0; n--) {
      int bit = n * 5;
      int i = bit / 8;
      int j = bit % 8;
      int c = (bytes[i] & 0xff) >>> j;
      if (i + 1 < bytes.length) {
        c |= (bytes[i + 1] & 0xff) << (8 - j);
      }
      text.append(ALPHABET.charAt(c & 0x1f));
    }
    return text.toString();
  }

  /**
   * The {@code length} bytes that {@code text} encodes.
   *
   * @throws IllegalArgumentException if {@code text} has the wrong length, a character outside
   *     the alphabet, or bits set beyond {@code length} bytes (so each value has one text form)
   */
  public static byte[] decode(CharSequence text, int length) {
    if (text.length() != encodedLength(length)) {
      throw new IllegalArgumentException("Nix base-32 text has " + text.length() + " characters, expected "
          + encodedLength(length));
    }
    byte[] bytes = new byte[length];
    int count = text.length();
    for (int k = 0; k < count; k++) {
      char ch = text.charAt(k);
      int digit = ch < 128 ? VALUES[ch] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("Nix base-32 text has a character outside its alphabet at " + k);
      }
      int bit = (count - 1 - k) * 5;
      int i = bit / 8;
      int j = bit % 8;
      bytes[i] |= (byte) (digit << j);
      int carry = digit >>> (8 - j);
      if (i + 1 < length) {
        bytes[i + 1] |= (byte) carry;
      } else if (carry != 0) {
        throw new IllegalArgumentException("Nix base-32 text has bits beyond " + length + " bytes");
      }
    }
    return bytes;
  }
}
