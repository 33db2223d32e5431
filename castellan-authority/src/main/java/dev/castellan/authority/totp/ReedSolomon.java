package dev.castellan.authority.totp;

/**
 * Reed–Solomon error correction codewords over GF(2^8) with the QR code's field polynomial
 * {@code x^8 + x^4 + x^3 + x^2 + 1} (0x11D) and generator {@code (x - a^0)(x - a^1)...(x -
 * a^(n-1))}, {@code a = 2} (ISO/IEC 18004 §7.5.2).
 */
final class ReedSolomon {
  private static final int[] EXP = new int[512];
  private static final int[] LOG = new int[256];

  static {
    int value = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = value;
      LOG[value] = i;
      value <<= 1;
      if (value > 0xff) {
        value ^= 0x11d;
      }
    }
    for (int i = 255; i < EXP.length; i++) {
      EXP[i] = EXP[i - 255];
    }
  }

  private ReedSolomon() {}

  static int multiply(int a, int b) {
    return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
  }

  /** The generator's coefficients, highest degree first, without the leading 1. */
  static int[] generator(int degree) {
    int[] g = new int[degree + 1];
    g[0] = 1;
    for (int root = 0; root < degree; root++) {
      for (int i = root + 1; i > 0; i--) {
        g[i] = g[i] ^ multiply(g[i - 1], EXP[root]);
      }
    }
    return java.util.Arrays.copyOfRange(g, 1, g.length);
  }

  /** The {@code degree} error correction codewords of {@code data}: the remainder of data(x)·x^n / g(x). */
  static byte[] remainder(byte[] data, int degree) {
    int[] g = generator(degree);
    int[] r = new int[degree];
    for (byte b : data) {
      int factor = (b & 0xff) ^ r[0];
      System.arraycopy(r, 1, r, 0, degree - 1);
      r[degree - 1] = 0;
      for (int i = 0; i < degree; i++) {
        r[i] ^= multiply(g[i], factor);
      }
    }
    byte[] out = new byte[degree];
    for (int i = 0; i < degree; i++) {
      out[i] = (byte) r[i];
    }
    return out;
  }
}
