package dev.castellan.core.internal.ipld;

import java.util.Arrays;

/**
 * Base58btc (the Bitcoin alphabet; multibase prefix {@code z}, and the bare form of CIDv0).
 * Quadratic in the length, so callers MUST bound the input (CIDs are under 100 characters).
 */
public final class Base58 {
  private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEX = new int[128];

  static {
    Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEX[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  public static String encode(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    byte[] digits = new byte[data.length * 138 / 100 + 1]; // log(256)/log(58) < 1.38
    int used = 0;
    for (int i = zeros; i < data.length; i++) {
      int carry = data[i] & 0xff;
      for (int j = 0; j < used || carry != 0; j++) {
        carry += j < used ? (digits[j] & 0xff) * 256 : 0;
        digits[j] = (byte) (carry % 58);
        carry /= 58;
        used = Math.max(used, j + 1);
      }
    }
    StringBuilder out = new StringBuilder(zeros + used);
    out.append("1".repeat(zeros));
    for (int j = used - 1; j >= 0; j--) {
      out.append(ALPHABET[digits[j]]);
    }
    return out.toString();
  }

  /** The bytes, or {@code null} if {@code text} holds a character outside the alphabet. */
  public static byte[] decode(CharSequence text) {
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] bytes = new byte[text.length()];
    int used = 0;
    for (int i = zeros; i < text.length(); i++) {
      char c = text.charAt(i);
      int carry = c < 128 ? INDEX[c] : -1;
      if (carry < 0) {
        return null;
      }
      for (int j = 0; j < used || carry != 0; j++) {
        carry += j < used ? (bytes[j] & 0xff) * 58 : 0;
        bytes[j] = (byte) carry;
        carry >>>= 8;
        used = Math.max(used, j + 1);
      }
    }
    byte[] out = new byte[zeros + used];
    for (int j = 0; j < used; j++) {
      out[zeros + j] = bytes[used - 1 - j];
    }
    return out;
  }
}
