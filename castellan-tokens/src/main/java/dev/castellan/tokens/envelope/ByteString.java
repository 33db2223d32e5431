package dev.castellan.tokens.envelope;

import java.util.Arrays;

/**
 * An immutable, non-secret byte string of an envelope field (nonces, public keys, signatures).
 * Compares by content; {@code toString} prints the length only. Secret fields use {@link
 * dev.castellan.core.bytes.SecretBytes} instead.
 */
public final class ByteString {
  private final byte[] bytes;

  private ByteString(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ByteString of(byte[] bytes) {
    return new ByteString(bytes.clone());
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteString other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ByteString[" + bytes.length + " bytes]";
  }
}
