package dev.castellan.attestation.tdx;

import java.util.Arrays;
import java.util.Locale;

/** Bounded little-endian cursor over a byte range; every read checks the declared bounds. */
public final class LeReader {
  private final byte[] data;
  private final int end;
  private int position;

  public LeReader(byte[] data, int offset, int length) {
    this.data = data;
    this.position = offset;
    this.end = offset + length;
  }

  public int position() {
    return position;
  }

  public int remaining() {
    return end - position;
  }

  private void need(int count, String field) throws TdxException {
    if (count < 0 || count > end - position) {
      throw new TdxException(
          String.format(Locale.ROOT, "quote truncated: %s needs %d bytes, %d left", field,
              count, end - position));
    }
  }

  public int u16(String field) throws TdxException {
    need(2, field);
    int value = (data[position] & 0xff) | (data[position + 1] & 0xff) << 8;
    position += 2;
    return value;
  }

  public long u32(String field) throws TdxException {
    need(4, field);
    long value = 0;
    for (int i = 3; i >= 0; i--) {
      value = value << 8 | (data[position + i] & 0xff);
    }
    position += 4;
    return value;
  }

  /** A length-prefixed size as an int, rejecting sizes that cannot fit in what is left. */
  public int size32(String field) throws TdxException {
    long size = u32(field);
    if (size > remaining()) {
      throw new TdxException(
          String.format(Locale.ROOT, "%s declares %d bytes but only %d remain", field, size,
              remaining()));
    }
    return (int) size;
  }

  public byte[] bytes(int count, String field) throws TdxException {
    need(count, field);
    byte[] out = Arrays.copyOfRange(data, position, position + count);
    position += count;
    return out;
  }
}
