package dev.castellan.attestation.gpu;

import dev.castellan.attestation.MalformedEvidenceException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A bounded little-endian cursor over report bytes: every read names the field it reads, and
 * reading past the end throws {@link MalformedEvidenceException} ({@code gpu.report}) rather
 * than an index exception.
 */
final class SpdmReader {
  static final String CHECK = "gpu.report";

  private final byte[] bytes;
  private final int end;
  private int position;

  SpdmReader(byte[] bytes, int from, int end) {
    this.bytes = bytes;
    this.position = from;
    this.end = end;
  }

  int position() {
    return position;
  }

  int remaining() {
    return end - position;
  }

  int u8(String field) throws MalformedEvidenceException {
    need(1, field);
    return bytes[position++] & 0xff;
  }

  int u16(String field) throws MalformedEvidenceException {
    need(2, field);
    int value = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8;
    position += 2;
    return value;
  }

  int u24(String field) throws MalformedEvidenceException {
    need(3, field);
    int value = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8 | (bytes[position + 2] & 0xff) << 16;
    position += 3;
    return value;
  }

  byte[] bytes(int length, String field) throws MalformedEvidenceException {
    need(length, field);
    byte[] out = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return out;
  }

  /** A reader over the next {@code length} bytes, which this reader skips. */
  SpdmReader slice(int length, String field) throws MalformedEvidenceException {
    need(length, field);
    SpdmReader slice = new SpdmReader(bytes, position, position + length);
    position += length;
    return slice;
  }

  /** {@code value} must equal {@code expected}. */
  static void require(String field, int expected, int value) throws MalformedEvidenceException {
    if (value != expected) {
      throw new MalformedEvidenceException(CHECK, field + " has an unexpected value",
          hex(expected), hex(value));
    }
  }

  static String hex(int value) {
    return String.format(Locale.ROOT, "0x%02x", value);
  }

  private void need(int length, String field) throws MalformedEvidenceException {
    if (length < 0 || length > end - position) {
      throw new MalformedEvidenceException(CHECK, String.format(Locale.ROOT,
          "report ends inside %s at offset %d", field, position), length + " bytes", (end - position) + " bytes");
    }
  }
}
