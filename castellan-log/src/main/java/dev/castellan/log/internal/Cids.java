package dev.castellan.log.internal;

import dev.castellan.core.hash.HashAlgorithm;

/**
 * CIDv1 of a DAG-CBOR block with a sha2-256 multihash: bytes {@code 0x01 0x71 0x12 0x20} then
 * the digest, written in multibase base32 (lowercase RFC 4648, no padding, prefix 'b').
 */
public final class Cids {
  private static final byte[] PREFIX = {0x01, 0x71, 0x12, 0x20};
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  /** 'b' + base32 of 36 bytes (288 bits / 5, rounded up). */
  public static final int STRING_LENGTH = 1 + 58;

  private Cids() {}

  public static byte[] binary(byte[] block) {
    byte[] digest = HashAlgorithm.SHA_256.hash(block);
    byte[] cid = new byte[PREFIX.length + digest.length];
    System.arraycopy(PREFIX, 0, cid, 0, PREFIX.length);
    System.arraycopy(digest, 0, cid, PREFIX.length, digest.length);
    return cid;
  }

  public static String string(byte[] block) {
    return base32(binary(block));
  }

  /** Multibase base32 ('b' prefix) of a binary CID. */
  public static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder(1 + (bytes.length * 8 + 4) / 5).append('b');
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  /** True if {@code text} has the form of a record CID (does not say the record exists). */
  public static boolean isRecordCid(String text) {
    return text.length() == STRING_LENGTH && text.startsWith("bafyrei")
        && text.chars().skip(1).allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
  }
}
