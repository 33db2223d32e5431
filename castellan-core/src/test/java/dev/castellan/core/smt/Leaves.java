package dev.castellan.core.smt;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Seeded random leaves, kept by hex key so the same set builds both trees. */
final class Leaves {
  private Leaves() {}

  static byte[] random32(Random random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return bytes;
  }

  static Map<String, byte[]> random(int count, Random random) {
    Map<String, byte[]> leaves = new LinkedHashMap<>();
    while (leaves.size() < count) {
      leaves.put(hex(random32(random)), random32(random));
    }
    return leaves;
  }

  static SparseMerkleTree tree(Map<String, byte[]> leaves) {
    SparseMerkleTree tree = new SparseMerkleTree();
    leaves.forEach((key, value) -> tree.put(HexFormat.of().parseHex(key), value));
    return tree;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** {@code bytes} with bit {@code position} (most significant first) flipped, in a copy. */
  static byte[] flipBit(byte[] bytes, int position) {
    byte[] flipped = bytes.clone();
    flipped[position / 8] ^= (byte) (0x80 >>> (position % 8));
    return flipped;
  }
}
