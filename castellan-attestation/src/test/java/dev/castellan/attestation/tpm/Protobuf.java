package dev.castellan.attestation.tpm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal, bounded protobuf wire-format reader for the go-tpm-tools test vectors: it splits
 * a message into (field number, value) pairs; length-delimited values are returned as bytes,
 * varints as numbers. Groups and fixed32/64 are rejected (the vectors use neither).
 */
final class Protobuf {
  record Field(int number, long varint, byte[] bytes) {}

  private Protobuf() {}

  static List<Field> fields(byte[] message) {
    List<Field> out = new ArrayList<>();
    int[] at = {0};
    while (at[0] < message.length) {
      long key = varint(message, at);
      int number = (int) (key >>> 3);
      switch ((int) (key & 7)) {
        case 0 -> out.add(new Field(number, varint(message, at), null));
        case 2 -> {
          long length = varint(message, at);
          if (length > message.length - at[0]) {
            throw new IllegalArgumentException("protobuf length beyond the message");
          }
          out.add(new Field(number, 0,
              Arrays.copyOfRange(message, at[0], at[0] + (int) length)));
          at[0] += (int) length;
        }
        default -> throw new IllegalArgumentException("unsupported protobuf wire type");
      }
    }
    return out;
  }

  private static long varint(byte[] data, int[] at) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at[0] >= data.length) {
        throw new IllegalArgumentException("truncated varint");
      }
      int b = data[at[0]++] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }
}
