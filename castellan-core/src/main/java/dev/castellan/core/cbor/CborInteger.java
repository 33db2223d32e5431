package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.Diagnostic;
import java.math.BigInteger;

/**
 * An integer of major type 0 (unsigned) or 1 (negative), covering [-2^64, 2^64-1] (RFC 8949
 * §3.1). Stored as a sign and the 64-bit CBOR argument {@code n}, read as unsigned: the value
 * is {@code n} for unsigned and {@code -1-n} for negative integers.
 */
public final class CborInteger implements CborValue {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger MAX_ARGUMENT = TWO_64.subtract(BigInteger.ONE);

  private final boolean negative;
  private final long argument;

  private CborInteger(boolean negative, long argument) {
    this.negative = negative;
    this.argument = argument;
  }

  public static CborInteger of(long value) {
    return value >= 0 ? new CborInteger(false, value) : new CborInteger(true, -1 - value);
  }

  /** An unsigned integer whose 64 bits are read as unsigned, e.g. {@code -1L} is 2^64-1. */
  public static CborInteger ofUnsigned(long bits) {
    return new CborInteger(false, bits);
  }

  /** The negative integer {@code -1-n}, with {@code n} read as unsigned 64 bits. */
  public static CborInteger ofNegativeArgument(long n) {
    return new CborInteger(true, n);
  }

  static CborValue ofBig(BigInteger value) {
    BigInteger n = value.signum() >= 0 ? value : value.negate().subtract(BigInteger.ONE);
    if (n.compareTo(MAX_ARGUMENT) <= 0) {
      return new CborInteger(value.signum() < 0, n.longValue());
    }
    byte[] magnitude = n.toByteArray();
    int skip = magnitude[0] == 0 ? 1 : 0; // BigInteger adds a sign byte; bignums have none
    byte[] content = java.util.Arrays.copyOfRange(magnitude, skip, magnitude.length);
    return new CborTag(value.signum() >= 0 ? 2 : 3, CborBytes.wrap(content));
  }

  public boolean isNegative() {
    return negative;
  }

  /** The CBOR argument, an unsigned 64-bit number (use {@link Long#toUnsignedString}). */
  public long argument() {
    return argument;
  }

  /** True if the value lies in Java's {@code long} range. */
  public boolean fitsLong() {
    return argument >= 0;
  }

  @Override
  public long asLong() throws CborException {
    if (!fitsLong()) {
      throw new CborException("integer does not fit in 64-bit signed range");
    }
    return negative ? -1 - argument : argument;
  }

  @Override
  public BigInteger asBigInteger() {
    BigInteger n = argument >= 0 ? BigInteger.valueOf(argument) : BigInteger.valueOf(argument).add(TWO_64);
    return negative ? n.negate().subtract(BigInteger.ONE) : n;
  }

  @Override
  public String kind() {
    return negative ? "negative integer" : "unsigned integer";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CborInteger other && other.negative == negative && other.argument == argument;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(argument) * 31 + (negative ? 1 : 0);
  }

  /** Diagnostic notation (RFC 8949 §8). */
  @Override
  public String toString() {
    return Diagnostic.of(this);
  }
}
