package dev.castellan.attestation;

import dev.castellan.core.bytes.ConstantTime;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.castellan.core.bytes.Hex;
import java.util.Arrays;

/**
 * An immutable byte string, used for the byte-valued fields of claims (measurements, report
 * data, PCRs), so that claims records compare by value and print as hex.
 *
 * <p>{@link #equals} compares in constant time for equal lengths. Values held here are
 * public evidence fields, never secrets: {@link #toString} prints them in full.
 */
public final class ByteString {
  private static final ByteString EMPTY = new ByteString(new byte[0]);
  private final byte[] bytes;

  private ByteString(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static ByteString of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new ByteString(bytes.clone());
  }

  /** A copy of {@code bytes[offset, offset + length)}. */
  public static ByteString copyOf(byte[] bytes, int offset, int length) {
    return new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Strict hex (see {@link Hex#decode}). */
  public static ByteString fromHex(CharSequence hex) {
    return new ByteString(Hex.decode(hex));
  }

  public static ByteString empty() {
    return EMPTY;
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** Whether every byte is zero (true for the empty string). */
  public boolean isAllZero() {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }

  public byte byteAt(int index) {
    return bytes[index];
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Lower-case hex; also how Jackson renders a byte string. */
  @JsonValue
  public String hex() {
    return Hex.encode(bytes);
  }

  /** Constant-time (for equal lengths) comparison with raw bytes. */
  public boolean equalsBytes(byte[] other) {
    return ConstantTime.equals(bytes, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteString other && ConstantTime.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
