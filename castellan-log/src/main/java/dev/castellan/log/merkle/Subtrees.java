package dev.castellan.log.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure functions over the RFC 9162 tree shape: the hash of a range of leaves, and inclusion
 * (section 2.1.3.1, PATH) and consistency (section 2.1.4.1, PROOF/SUBPROOF) proof generation.
 * Every range is decomposed into perfect subtrees read from a {@link NodeSource}, so a proof
 * costs O(log^2 n) node reads whatever the size of the log.
 */
public final class Subtrees {
  private Subtrees() {}

  /** The largest power of two strictly smaller than {@code n}; {@code n} MUST be at least 2. */
  static long splitPoint(long n) {
    return Long.highestOneBit(n - 1);
  }

  /** MTH(D[begin:end]), the hash of the leaves in {@code [begin, end)}. */
  public static byte[] rangeHash(NodeSource nodes, long begin, long end) {
    checkRange(begin, end);
    long n = end - begin;
    if (n == 0) {
      return TreeHasher.emptyRoot();
    }
    if (Long.bitCount(n) == 1 && begin % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return nodes.node(level, begin >>> level);
    }
    long k = splitPoint(n);
    return TreeHasher.nodeHash(rangeHash(nodes, begin, begin + k), rangeHash(nodes, begin + k, end));
  }

  /** The root of the tree of the first {@code size} leaves. */
  public static byte[] root(NodeSource nodes, long size) {
    return rangeHash(nodes, 0, size);
  }

  /** The inclusion proof of leaf {@code index} in the tree of size {@code size}, leaf side first. */
  public static List<byte[]> inclusionProof(NodeSource nodes, long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          String.format(java.util.Locale.ROOT, "leaf %d is not in a tree of size %d", index, size));
    }
    List<byte[]> proof = new ArrayList<>();
    long begin = 0;
    long end = size;
    // Walk from the root down, collecting siblings; the proof lists them from the leaf up.
    while (end - begin > 1) {
      long k = splitPoint(end - begin);
      if (index < begin + k) {
        proof.add(rangeHash(nodes, begin + k, end));
        end = begin + k;
      } else {
        proof.add(rangeHash(nodes, begin, begin + k));
        begin = begin + k;
      }
    }
    return proof.reversed();
  }

  /**
   * The consistency proof from the tree of size {@code size1} to the tree of size {@code size2}
   * (RFC 9162 section 2.1.4.1); empty when the sizes are equal. {@code size1} MUST be at least 1.
   */
  public static List<byte[]> consistencyProof(NodeSource nodes, long size1, long size2) {
    if (size1 < 1 || size1 > size2) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT, "no consistency proof from size %d to size %d", size1, size2));
    }
    List<byte[]> proof = new ArrayList<>();
    long begin = 0;
    long end = size2;
    boolean whole = true; // SUBPROOF's b: the old tree is exactly this subtree's left part
    while (size1 - begin != end - begin) {
      long k = splitPoint(end - begin);
      if (size1 - begin <= k) {
        proof.add(rangeHash(nodes, begin + k, end));
        end = begin + k;
      } else {
        proof.add(rangeHash(nodes, begin, begin + k));
        begin = begin + k;
        whole = false;
      }
    }
    if (!whole) {
      proof.add(rangeHash(nodes, begin, end));
    }
    return proof.reversed();
  }

  private static void checkRange(long begin, long end) {
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          String.format(java.util.Locale.ROOT, "invalid leaf range [%d, %d)", begin, end));
    }
  }
}
