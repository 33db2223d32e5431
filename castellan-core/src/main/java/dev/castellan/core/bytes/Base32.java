package dev.castellan.core.bytes;

/**
 * RFC 4648 §6 base32, no padding: lower case for multibase ({@code b} prefix, CIDs), upper case
 * for the otpauth key URI's TOTP secrets. Decoding is strict: only the lower-case alphabet,
 * no padding, and the unused trailing bits MUST be zero, so every byte string has exactly one
 * encoding.
 */
public final class Base32 {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final char[] UPPER_CASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Base32() {}

  /** Lower case: the multibase form. */
  public static String encode(byte[] data) {
    return encode(data, ALPHABET);
  }

  /** Upper case: the form of the otpauth key URI's {@code secret}. */
  public static String encodeUpperCase(byte[] data) {
    return encode(data, UPPER_CASE);
  }

  private static String encode(byte[] data, char[] alphabet) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(alphabet[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  /** The bytes, or {@code null} if {@code text} is not canonical lower-case base32. */
  public static byte[] decode(CharSequence text) {
    int length = text.length();
    int rest = length % 8;
    if (rest == 1 || rest == 3 || rest == 6) {
      return null; // no byte count encodes to these lengths
    }
    byte[] out = new byte[length * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int index = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      int value;
      if (c >= 'a' && c <= 'z') {
        value = c - 'a';
      } else if (c >= '2' && c <= '7') {
        value = c - '2' + 26;
      } else {
        return null;
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out[index++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      return null; // non-zero padding bits
    }
    return out;
  }
}
