package dev.castellan.attestation.tpm;

import java.util.Arrays;
import java.util.Locale;

/** Bounded big-endian cursor (TPM 2.0 marshalling); every read checks the remaining bytes. */
final class BeReader {
  private final byte[] data;
  private int position;

  BeReader(byte[] data) {
    this.data = data;
  }

  /** The underlying array (not a copy): callers slice what they have read. */
  byte[] bytesView() {
    return data;
  }

  int position() {
    return position;
  }

  int remaining() {
    return data.length - position;
  }

  private void need(int count, String field) throws TpmException {
    if (count < 0 || count > remaining()) {
      throw new TpmException(String.format(Locale.ROOT,
          "truncated: %s needs %d bytes, %d left", field, count, remaining()));
    }
  }

  /** The next u32 without consuming it, or -1 if fewer than 4 bytes remain. */
  long peekU32() {
    if (remaining() < 4) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = value << 8 | (data[position + i] & 0xff);
    }
    return value;
  }

  int u8(String field) throws TpmException {
    need(1, field);
    return data[position++] & 0xff;
  }

  int u16(String field) throws TpmException {
    need(2, field);
    int value = (data[position] & 0xff) << 8 | (data[position + 1] & 0xff);
    position += 2;
    return value;
  }

  long u32(String field) throws TpmException {
    need(4, field);
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = value << 8 | (data[position + i] & 0xff);
    }
    position += 4;
    return value;
  }

  long u64(String field) throws TpmException {
    need(8, field);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = value << 8 | (data[position + i] & 0xff);
    }
    position += 8;
    return value;
  }

  byte[] bytes(int count, String field) throws TpmException {
    need(count, field);
    byte[] out = Arrays.copyOfRange(data, position, position + count);
    position += count;
    return out;
  }

  /** A TPM2B: u16 size then that many bytes. */
  byte[] tpm2b(String field) throws TpmException {
    return bytes(u16(field), field);
  }

  /** Requires the input to be fully consumed. */
  void end(String what) throws TpmException {
    if (remaining() != 0) {
      throw new TpmException(what + " has trailing bytes");
    }
  }
}
