package dev.castellan.keys.pkcs11.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The information structures, read at their LP64 offsets (checked against the PKCS#11
 * headers): blank-padded UTF-8 fields, trailing blanks removed, as RFC 7512 compares them.
 */
public final class Info {
  private Info() {}

  static final long MODULE_BYTES = 88;
  static final long SLOT_BYTES = 112;
  static final long TOKEN_BYTES = 208;

  /** {@code CK_INFO}: the module. */
  public record Module(int cryptokiMajor, int cryptokiMinor, String manufacturer, String description,
      int versionMajor, int versionMinor) {
    static Module read(MemorySegment s) {
      return new Module(s.get(ValueLayout.JAVA_BYTE, 0) & 0xff, s.get(ValueLayout.JAVA_BYTE, 1) & 0xff,
          text(s, 2, 32), text(s, 48, 32), s.get(ValueLayout.JAVA_BYTE, 80) & 0xff, s.get(ValueLayout.JAVA_BYTE, 81) & 0xff);
    }

    /** {@code M.m}, as {@code library-version} writes it. */
    public String version() {
      return versionMajor + "." + versionMinor;
    }
  }

  /** {@code CK_SLOT_INFO}. */
  public record Slot(long id, String description, String manufacturer, long flags) {
    static Slot read(long id, MemorySegment s) {
      return new Slot(id, text(s, 0, 64), text(s, 64, 32), s.get(ValueLayout.JAVA_LONG, 96));
    }
  }

  /** {@code CK_TOKEN_INFO} (the fields used here). */
  public record Token(String label, String manufacturer, String model, String serial, long flags,
      long maxPinLength, long minPinLength) {
    static Token read(MemorySegment s) {
      return new Token(text(s, 0, 32), text(s, 32, 32), text(s, 64, 16), text(s, 80, 16),
          s.get(ValueLayout.JAVA_LONG, 96), s.get(ValueLayout.JAVA_LONG, 136), s.get(ValueLayout.JAVA_LONG, 144));
    }

    public boolean has(long flag) {
      return (flags & flag) != 0;
    }
  }

  private static String text(MemorySegment s, long offset, int length) {
    byte[] bytes = s.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    int end = length;
    while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
