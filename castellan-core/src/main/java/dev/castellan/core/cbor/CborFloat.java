package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.Diagnostic;

/**
 * A floating-point number (major type 7, half/single/double precision). It holds the exact
 * binary64 bit pattern, so {@code -0.0} differs from {@code 0.0} and NaN payloads are kept
 * (CDE, draft-ietf-cbor-cde, encodes them in the shortest width that preserves them).
 * Equality compares bits. The encoded width is the encoder's choice, not part of the value.
 */
public final class CborFloat implements CborValue {
  private final long bits;

  private CborFloat(long bits) {
    this.bits = bits;
  }

  public static CborFloat of(double value) {
    return new CborFloat(Double.doubleToRawLongBits(value));
  }

  /** The float with these binary64 bits, NaN payload included. */
  public static CborFloat ofBits(long binary64Bits) {
    return new CborFloat(binary64Bits);
  }

  public double value() {
    return Double.longBitsToDouble(bits);
  }

  /** The binary64 bit pattern. */
  public long bits() {
    return bits;
  }

  @Override
  public double asDouble() {
    return value();
  }

  @Override
  public String kind() {
    return "float";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CborFloat other && other.bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  /** Diagnostic notation (RFC 8949 §8). */
  @Override
  public String toString() {
    return Diagnostic.of(this);
  }
}
