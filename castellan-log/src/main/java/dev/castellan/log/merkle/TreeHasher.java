package dev.castellan.log.merkle;

import dev.castellan.core.hash.HashAlgorithm;
import java.security.MessageDigest;

/**
 * The RFC 9162 section 2.1.1 hash functions with SHA-256: a leaf is hashed as
 * {@code SHA-256(0x00 || leaf)}, an interior node as {@code SHA-256(0x01 || left || right)},
 * and the empty tree as {@code SHA-256("")}. The distinct prefixes keep a leaf from ever
 * being taken for a node (second-preimage resistance of the tree).
 */
public final class TreeHasher {
  /** Every hash in the tree is this many bytes. */
  public static final int HASH_LENGTH = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final byte[] EMPTY_ROOT = HashAlgorithm.SHA_256.hash();

  private TreeHasher() {}

  /** {@code SHA-256(0x00 || leaf)}. */
  public static byte[] leafHash(byte[] leaf) {
    MessageDigest digest = HashAlgorithm.SHA_256.newDigest();
    digest.update(LEAF_PREFIX);
    digest.update(leaf);
    return digest.digest();
  }

  /** {@code SHA-256(0x01 || left || right)}; both MUST be 32-byte hashes. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest digest = HashAlgorithm.SHA_256.newDigest();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** The root of the empty tree, {@code SHA-256("")} (RFC 9162 section 2.1.1). */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }
}
