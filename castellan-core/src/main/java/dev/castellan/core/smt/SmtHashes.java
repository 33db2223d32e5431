package dev.castellan.core.smt;

import dev.castellan.core.internal.smt.NodeHasher;

/**
 * The node hashes of the tree (docs/smt.md): {@code leaf = SHA-256(0x00 ‖ key ‖ value)} and
 * {@code inner = SHA-256(0x01 ‖ left ‖ right)}. The empty subtree is 32 zero bytes and is not
 * hashed upward; that rule belongs to the tree and the proof, so {@link #inner} of two empty
 * children here is an ordinary hash, not empty.
 */
public final class SmtHashes {
  /** Bytes of every hash, key and value. */
  public static final int LENGTH = NodeHasher.LENGTH;

  private SmtHashes() {}

  /** {@code SHA-256(0x00 ‖ key ‖ value)}; both MUST be 32 bytes. */
  public static byte[] leaf(byte[] key, byte[] value) {
    SparseMerkleTree.checkLength("key", key);
    SparseMerkleTree.checkLength("value", value);
    byte[] out = new byte[LENGTH];
    new NodeHasher().leaf(key, value, out);
    return out;
  }

  /** {@code SHA-256(0x01 ‖ left ‖ right)}; both MUST be 32 bytes. */
  public static byte[] inner(byte[] left, byte[] right) {
    SparseMerkleTree.checkLength("left", left);
    SparseMerkleTree.checkLength("right", right);
    byte[] out = new byte[LENGTH];
    new NodeHasher().inner(left, right, out);
    return out;
  }

  /** The hash of an empty subtree of any height, and the root of the empty tree: 32 zeros (a new array). */
  public static byte[] empty() {
    return new byte[LENGTH];
  }
}
