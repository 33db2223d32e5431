package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.Diagnostic;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A byte string (major type 2). Immutable: the content is copied in and out. */
public final class CborBytes implements CborValue {
  private final byte[] content;

  private CborBytes(byte[] content) {
    this.content = content;
  }

  /** A byte string holding a copy of {@code content}. */
  public static CborBytes of(byte[] content) {
    return new CborBytes(content.clone());
  }

  /** A byte string holding a copy of {@code length} bytes of {@code source} from {@code offset}. */
  public static CborBytes of(byte[] source, int offset, int length) {
    return new CborBytes(Arrays.copyOfRange(source, offset, Math.addExact(offset, length)));
  }

  /** Takes ownership of {@code content}; only for arrays no one else holds. */
  static CborBytes wrap(byte[] content) {
    return new CborBytes(content);
  }

  /** A copy of the content. */
  public byte[] bytes() {
    return content.clone();
  }

  /** Copies the content into {@code destination} at {@code offset}. */
  public void copyTo(byte[] destination, int offset) {
    System.arraycopy(content, 0, destination, offset, content.length);
  }

  /** A read-only view of the content, e.g. for hashing without a copy. */
  public ByteBuffer asByteBuffer() {
    return ByteBuffer.wrap(content).asReadOnlyBuffer();
  }

  public int length() {
    return content.length;
  }

  /** The byte at {@code index}, without copying the content. */
  public byte byteAt(int index) {
    return content[index];
  }

  /** A copy of {@code length} bytes from {@code from}, without copying the rest. */
  public byte[] slice(int from, int length) {
    return Arrays.copyOfRange(content, from, Math.addExact(from, length));
  }

  @Override
  public byte[] asBytes() {
    return content.clone();
  }

  @Override
  public String kind() {
    return "byte string";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CborBytes other && Arrays.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(content);
  }

  /** Diagnostic notation (RFC 8949 §8). */
  @Override
  public String toString() {
    return Diagnostic.of(this);
  }
}
