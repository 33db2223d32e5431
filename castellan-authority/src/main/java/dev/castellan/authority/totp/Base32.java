package dev.castellan.authority.totp;

/**
 * Base32 encoding of RFC 4648 §6 (alphabet {@code A-Z2-7}) without the {@code =} padding, as
 * the Google Authenticator key URI format carries secrets. Each 5 input bits become one
 * character; the last character is zero-filled on the right.
 */
final class Base32 {
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Base32() {}

  static String encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1f]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
    }
    return out.toString();
  }
}
