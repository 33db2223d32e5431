package dev.castellan.core.internal.smt;

/**
 * Bit positions in 32-byte strings, most significant bit first: position {@code i} is bit
 * {@code 7 - i % 8} of byte {@code i / 8}. The same numbering serves a key's path (position
 * {@code i} chooses the child at depth {@code i + 1}: 0 left, 1 right) and a proof's bitmap.
 */
public final class KeyBits {
  /** Positions in a 32-byte string, and the depth of the tree's leaves. */
  public static final int BITS = 256;

  private KeyBits() {}

  /** The bit at {@code position}, 0 or 1. */
  public static int bit(byte[] bytes, int position) {
    return (bytes[position >>> 3] >>> (7 - (position & 7))) & 1;
  }

  /** Sets the bit at {@code position} to 1. */
  public static void set(byte[] bytes, int position) {
    bytes[position >>> 3] |= (byte) (0x80 >>> (position & 7));
  }

  /** The first position where {@code a} and {@code b} differ, or {@link #BITS} if they are equal. */
  public static int firstDifference(byte[] a, byte[] b) {
    for (int i = 0; i < BITS / 8; i++) {
      int x = (a[i] ^ b[i]) & 0xff;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /** True when all 32 bytes of {@code bytes} from {@code offset} are zero. */
  public static boolean isZero(byte[] bytes, int offset) {
    int or = 0;
    for (int i = offset; i < offset + BITS / 8; i++) {
      or |= bytes[i];
    }
    return or == 0;
  }
}
