package dev.castellan.tokens;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.bytes.Hex;
import java.util.Arrays;

/**
 * A key identifier: the RFC 9679 COSE Key Thumbprint (SHA-256, 32 bytes) of an authority key,
 * carried as {@code kid} (label 4) in the protected header of every signed object.
 * Immutable; compares by content. Key ids are public, so {@link #toString()} prints them.
 */
public final class KeyId {
  /** Length of a SHA-256 thumbprint. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private KeyId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException unless exactly {@value #LENGTH} bytes
   */
  public static KeyId of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a key id is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new KeyId(bytes.clone());
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyId other && ConstantTime.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Lower-case hex of the thumbprint. */
  @Override
  public String toString() {
    return Hex.encode(bytes);
  }
}
