package dev.castellan.keys.pkcs11.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code CK_ATTRIBUTE} template: {@code {CK_ATTRIBUTE_TYPE type; void *pValue; CK_ULONG
 * ulValueLen}}, 24 bytes on LP64. Built in Java, written to native memory per call.
 */
public final class Template {
  static final long ATTRIBUTE_BYTES = 24;

  private final List<Long> types = new ArrayList<>();
  private final List<byte[]> values = new ArrayList<>();

  public Template add(long type, boolean value) {
    return add(type, new byte[] {(byte) (value ? 1 : 0)}); // CK_BBOOL: one byte
  }

  public Template add(long type, long value) {
    return add(type, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(value).array());
  }

  public Template add(long type, byte[] value) {
    types.add(type);
    values.add(value.clone());
    return this;
  }

  public int count() {
    return types.size();
  }

  /** The array of {@code CK_ATTRIBUTE}s and their values, in {@code arena}. */
  MemorySegment write(Arena arena) {
    MemorySegment array = arena.allocate(Math.max(1, count()) * ATTRIBUTE_BYTES, 8);
    for (int i = 0; i < count(); i++) {
      byte[] value = values.get(i);
      MemorySegment data = value.length == 0 ? MemorySegment.NULL : arena.allocateFrom(ValueLayout.JAVA_BYTE, value);
      array.set(ValueLayout.JAVA_LONG, i * ATTRIBUTE_BYTES, types.get(i));
      array.set(ValueLayout.ADDRESS, i * ATTRIBUTE_BYTES + 8, data);
      array.set(ValueLayout.JAVA_LONG, i * ATTRIBUTE_BYTES + 16, value.length);
    }
    return array;
  }
}
