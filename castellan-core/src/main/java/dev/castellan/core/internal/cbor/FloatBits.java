package dev.castellan.core.internal.cbor;

/**
 * Exact conversions between IEEE 754 binary16/binary32 and binary64 bit patterns, NaN
 * payloads included. Java's {@code float}-to-{@code double} widening may quiet signalling
 * NaNs, so everything here works on raw bits.
 */
public final class FloatBits {
  private static final long SIGN = 0x8000_0000_0000_0000L;
  private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;

  private FloatBits() {}

  /** binary16 bits to binary64 bits. */
  public static long halfToDouble(int half) {
    long sign = (half & 0x8000L) << 48;
    int exp = (half >>> 10) & 0x1f;
    long mant = half & 0x3ffL;
    if (exp == 0) {
      return sign | Double.doubleToRawLongBits(Math.scalb((double) mant, -24));
    }
    if (exp == 0x1f) {
      return sign | 0x7ff0_0000_0000_0000L | (mant << 42);
    }
    return sign | ((long) (exp - 15 + 1023) << 52) | (mant << 42);
  }

  /** binary32 bits to binary64 bits. */
  public static long singleToDouble(int single) {
    long sign = (single & 0x8000_0000L) << 32;
    int exp = (single >>> 23) & 0xff;
    long mant = single & 0x7f_ffffL;
    if (exp == 0) {
      return sign | Double.doubleToRawLongBits(Math.scalb((double) mant, -149));
    }
    if (exp == 0xff) {
      return sign | 0x7ff0_0000_0000_0000L | (mant << 29);
    }
    return sign | ((long) (exp - 127 + 1023) << 52) | (mant << 29);
  }

  /** The binary16 bits of {@code bits}, or -1 when binary16 cannot hold the exact value. */
  public static int toHalf(long bits) {
    long narrowed = narrow(bits, 5, 10);
    return (int) narrowed;
  }

  /** The binary32 bits of {@code bits}, or -1 when binary32 cannot hold the exact value. */
  public static long toSingle(long bits) {
    return narrow(bits, 8, 23);
  }

  /**
   * Narrows a binary64 to a format with {@code expBits} exponent and {@code mantBits}
   * mantissa bits, returning its bits (non-negative) or -1 if the value would change.
   */
  private static long narrow(long bits, int expBits, int mantBits) {
    long sign = (bits & SIGN) == 0 ? 0 : 1L << (expBits + mantBits);
    int exp = (int) ((bits >>> 52) & 0x7ff);
    long mant = bits & MANTISSA;
    int dropped = 52 - mantBits;
    long maxExp = (1L << expBits) - 1;
    if (exp == 0x7ff) { // Infinity or NaN: the payload must survive
      return lowBitsZero(mant, dropped) ? sign | (maxExp << mantBits) | (mant >>> dropped) : -1;
    }
    if (exp == 0) {
      return mant == 0 ? sign : -1; // binary64 subnormals are below every narrower format
    }
    int bias = (1 << (expBits - 1)) - 1;
    int unbiased = exp - 1023;
    int minNormal = 1 - bias;
    if (unbiased > bias || unbiased < minNormal - mantBits) {
      return -1;
    }
    if (unbiased >= minNormal) {
      return lowBitsZero(mant, dropped)
          ? sign | ((long) (unbiased + bias) << mantBits) | (mant >>> dropped)
          : -1;
    }
    long full = mant | (1L << 52);
    int shift = 52 - (unbiased - (minNormal - mantBits));
    return lowBitsZero(full, shift) ? sign | (full >>> shift) : -1;
  }

  private static boolean lowBitsZero(long value, int count) {
    return (value & ((1L << count) - 1)) == 0;
  }
}
