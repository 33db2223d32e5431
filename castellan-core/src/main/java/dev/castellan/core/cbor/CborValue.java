package dev.castellan.core.cbor;

import java.math.BigInteger;
import java.util.List;

/**
 * One CBOR data item (RFC 8949 §2–3): the closed set of kinds below, each an immutable value
 * with content-based {@code equals}/{@code hashCode}, so values can be map keys. {@code
 * toString()} is diagnostic notation (RFC 8949 §8).
 *
 * <p>The {@code asX()} accessors are for reading untrusted input: each returns the value when
 * it is of the expected kind and otherwise throws a {@link CborException} naming the expected
 * and the actual kind (never the content). Pattern matching over the sealed hierarchy is the
 * alternative when several kinds are acceptable.
 */
public sealed interface CborValue
    permits CborInteger, CborBytes, CborText, CborArray, CborMap, CborTag, CborSimple, CborFloat {

  /** An integer (major type 0 or 1). */
  static CborInteger of(long value) {
    return CborInteger.of(value);
  }

  /**
   * An integer of any size: major type 0/1 within [-2^64, 2^64-1], otherwise a bignum (tag 2
   * or 3 over the magnitude without leading zero bytes, RFC 8949 §3.4.3).
   */
  static CborValue of(BigInteger value) {
    return CborInteger.ofBig(value);
  }

  static CborText of(String value) {
    return new CborText(value);
  }

  /** A byte string holding a copy of {@code value}. */
  static CborBytes of(byte[] value) {
    return CborBytes.of(value);
  }

  static CborSimple of(boolean value) {
    return value ? CborSimple.TRUE : CborSimple.FALSE;
  }

  /** A floating-point value; encoders choose the width (shortest exact width for CBOR, 64 bits for DAG-CBOR). */
  static CborFloat of(double value) {
    return CborFloat.of(value);
  }

  static CborArray array(CborValue... items) {
    return new CborArray(List.of(items));
  }

  /** A short name of this kind for messages, e.g. {@code "text string"}. */
  String kind();

  default long asLong() throws CborException {
    throw mismatch("integer");
  }

  /** The integer value, including bignums (tags 2 and 3 over a byte string). */
  default BigInteger asBigInteger() throws CborException {
    throw mismatch("integer");
  }

  /** A copy of the byte string's content. */
  default byte[] asBytes() throws CborException {
    throw mismatch("byte string");
  }

  default String asText() throws CborException {
    throw mismatch("text string");
  }

  default List<CborValue> asArray() throws CborException {
    throw mismatch("array");
  }

  default CborMap asMap() throws CborException {
    throw mismatch("map");
  }

  default CborTag asTag() throws CborException {
    throw mismatch("tag");
  }

  default boolean asBoolean() throws CborException {
    throw mismatch("boolean");
  }

  /** The value of a float (any width). Integers are not converted. */
  default double asDouble() throws CborException {
    throw mismatch("float");
  }

  /** True for the simple value {@code null}. */
  default boolean isNull() {
    return false;
  }

  private CborException mismatch(String expected) {
    return new CborException("expected " + expected + ", found " + kind());
  }
}
