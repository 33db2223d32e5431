package dev.castellan.core.ipld;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Unsigned LEB128 varints as multiformats uses them (github.com/multiformats/unsigned-varint):
 * at most 9 bytes, so values up to 2^63-1, and the encoding MUST be minimal (no trailing
 * 0x00 continuation groups). Decoders reject anything else.
 */
public final class Varint {
  /** The longest accepted encoding: 9 bytes carry 63 bits. */
  public static final int MAX_BYTES = 9;

  private Varint() {}

  /** The value and how many bytes encoded it. */
  public record Decoded(long value, int length) {}

  /** The minimal encoding of {@code value}, which MUST NOT be negative. */
  public static byte[] encode(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varints are unsigned");
    }
    byte[] out = new byte[encodedLength(value)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((value & 0x7f) | (i < out.length - 1 ? 0x80 : 0));
      value >>>= 7;
    }
    return out;
  }

  public static int encodedLength(long value) {
    int length = 1;
    while ((value >>>= 7) != 0) {
      length++;
    }
    return length;
  }

  public static void write(long value, OutputStream out) throws IOException {
    out.write(encode(value));
  }

  /** Decodes one varint at {@code offset}; the rest of {@code in} is left alone. */
  public static Decoded decode(byte[] in, int offset) throws IpldException {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (offset + i >= in.length) {
        throw new IpldException("truncated varint");
      }
      int b = in[offset + i] & 0xff;
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new IpldException("varint not minimally encoded");
        }
        return new Decoded(value, i + 1);
      }
    }
    throw new IpldException("varint longer than " + MAX_BYTES + " bytes");
  }

  /**
   * Reads one varint from {@code in}; returns -1 if the stream ends before its first byte
   * (a clean end), and throws if it ends inside it.
   */
  public static long read(InputStream in) throws IOException, IpldException {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      int b = in.read();
      if (b < 0) {
        if (i == 0) {
          return -1;
        }
        throw new IpldException("truncated varint");
      }
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new IpldException("varint not minimally encoded");
        }
        return value;
      }
    }
    throw new IpldException("varint longer than " + MAX_BYTES + " bytes");
  }
}
