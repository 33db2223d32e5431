package dev.castellan.core.smt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference the tests compare against: the definition of docs/smt.md evaluated literally, by
 * recursion over all 256 levels of a sorted list of leaves. Shares no code with the main
 * implementation and caches nothing; only an empty range returns early (as 32 zeros, which is
 * the definition, not an optimisation of it).
 */
final class NaiveSparseMerkleTree {
  private static final byte[] EMPTY = new byte[32];

  private final byte[][] keys;
  private final byte[][] values;
  private final MessageDigest sha256;

  /** Hex keys sort as unsigned bytes, so a sorted map gives the leaves in path order. */
  NaiveSparseMerkleTree(Map<String, byte[]> leavesByHexKey) {
    TreeMap<String, byte[]> sorted = new TreeMap<>(leavesByHexKey);
    keys = new byte[sorted.size()][];
    values = new byte[sorted.size()][];
    int i = 0;
    for (Map.Entry<String, byte[]> leaf : sorted.entrySet()) {
      keys[i] = HexFormat.of().parseHex(leaf.getKey());
      values[i] = leaf.getValue();
      i++;
    }
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  byte[] root() {
    return subtree(0, 0, keys.length);
  }

  /** The 256 siblings along {@code key}'s path; entry i is the sibling at depth i + 1. */
  byte[][] siblings(byte[] key) {
    byte[][] siblings = new byte[256][];
    int from = 0;
    int to = keys.length;
    for (int depth = 0; depth < 256; depth++) {
      int middle = firstRight(depth, from, to);
      if (bit(key, depth) == 0) {
        siblings[depth] = subtree(depth + 1, middle, to);
        to = middle;
      } else {
        siblings[depth] = subtree(depth + 1, from, middle);
        from = middle;
      }
    }
    return siblings;
  }

  /** The hash of the node at {@code depth} whose leaves are keys[from..to). */
  private byte[] subtree(int depth, int from, int to) {
    if (from == to) {
      return EMPTY;
    }
    if (depth == 256) {
      return sha256(new byte[] {0}, keys[from], values[from]);
    }
    int middle = firstRight(depth, from, to);
    byte[] left = subtree(depth + 1, from, middle);
    byte[] right = subtree(depth + 1, middle, to);
    if (Arrays.equals(left, EMPTY) && Arrays.equals(right, EMPTY)) {
      return EMPTY;
    }
    return sha256(new byte[] {1}, left, right);
  }

  /** Within a range sharing bits 0..depth-1, the keys going left come first. */
  private int firstRight(int depth, int from, int to) {
    int i = from;
    while (i < to && bit(keys[i], depth) == 0) {
      i++;
    }
    return i;
  }

  private static int bit(byte[] key, int position) {
    return (key[position / 8] >> (7 - position % 8)) & 1;
  }

  private byte[] sha256(byte[]... parts) {
    for (byte[] part : parts) {
      sha256.update(part);
    }
    return sha256.digest();
  }
}
