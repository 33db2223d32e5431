package dev.castellan.log.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exact DAG-CBOR encoding of a record map {@code {data, signature, pubkey}}: a map of
 * three text keys in DAG-CBOR order (length first, then bytewise: "data", "pubkey",
 * "signature"), each with a byte string in its shortest length form.
 *
 * <p>Decoding accepts only that exact shape: anything else (other keys, other types, longer
 * length forms, trailing bytes) is refused, so every record has exactly one encoding and its
 * CID is a function of its content.
 */
public final class RecordCodec {
  private static final byte[][] KEYS = {ascii("data"), ascii("pubkey"), ascii("signature")};

  private RecordCodec() {}

  /** The three fields, in the order data, pubkey, signature. */
  public record Fields(byte[] data, byte[] pubkey, byte[] signature) {}

  public static byte[] encode(byte[] data, byte[] pubkey, byte[] signature) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + pubkey.length + signature.length + 40);
    out.write(0xa3);
    byte[][] values = {data, pubkey, signature};
    for (int i = 0; i < 3; i++) {
      header(out, 3, KEYS[i].length);
      out.writeBytes(KEYS[i]);
      header(out, 2, values[i].length);
      out.writeBytes(values[i]);
    }
    return out.toByteArray();
  }

  /** Decodes the exact shape, or returns null when the bytes are anything else. */
  public static Fields decode(byte[] bytes) {
    int[] pos = {0};
    if (bytes.length < 1 || (bytes[0] & 0xff) != 0xa3) {
      return null;
    }
    pos[0] = 1;
    byte[][] values = new byte[3][];
    for (int i = 0; i < 3; i++) {
      byte[] key = item(bytes, pos, 3);
      if (key == null || !Arrays.equals(key, KEYS[i])) {
        return null;
      }
      values[i] = item(bytes, pos, 2);
      if (values[i] == null) {
        return null;
      }
    }
    if (pos[0] != bytes.length) {
      return null;
    }
    Fields fields = new Fields(values[0], values[1], values[2]);
    // Shortest-form lengths only: re-encoding must give the same bytes.
    return Arrays.equals(encode(fields.data, fields.pubkey, fields.signature), bytes) ? fields : null;
  }

  private static byte[] item(byte[] bytes, int[] pos, int majorType) {
    if (pos[0] >= bytes.length) {
      return null;
    }
    int initial = bytes[pos[0]++] & 0xff;
    if (initial >>> 5 != majorType) {
      return null;
    }
    int info = initial & 0x1f;
    long length;
    if (info < 24) {
      length = info;
    } else if (info <= 26) {
      int n = 1 << (info - 24);
      if (pos[0] + n > bytes.length) {
        return null;
      }
      length = 0;
      for (int k = 0; k < n; k++) {
        length = (length << 8) | (bytes[pos[0]++] & 0xff);
      }
    } else {
      return null; // 8-byte lengths and indefinite lengths: never produced for records
    }
    if (length > bytes.length - pos[0]) {
      return null;
    }
    byte[] value = Arrays.copyOfRange(bytes, pos[0], pos[0] + (int) length);
    pos[0] += (int) length;
    return value;
  }

  private static void header(ByteArrayOutputStream out, int majorType, int length) {
    int mt = majorType << 5;
    if (length < 24) {
      out.write(mt | length);
    } else if (length < 0x100) {
      out.write(mt | 24);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(mt | 25);
      out.write(length >>> 8);
      out.write(length);
    } else {
      out.write(mt | 26);
      out.write(length >>> 24);
      out.write(length >>> 16);
      out.write(length >>> 8);
      out.write(length);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
