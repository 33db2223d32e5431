package dev.castellan.core.internal.smt;

import dev.castellan.core.hash.HashAlgorithm;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The two node hashes of the tree, {@code leaf = SHA-256(0x00 ‖ key ‖ value)} and {@code inner =
 * SHA-256(0x01 ‖ left ‖ right)}, with one reused digest and buffer so that the 256 hashes of a
 * path allocate nothing. Output arrays may alias the inputs. The empty rule (two empty children
 * give an empty node) is the caller's: these functions hash whatever they are given.
 *
 * <p>Not thread-safe: each tree and each verification uses its own instance.
 */
public final class NodeHasher {
  /** Bytes of a hash, a key and a value. */
  public static final int LENGTH = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte INNER_PREFIX = 0x01;

  private final MessageDigest digest = HashAlgorithm.SHA_256.newDigest();
  /** The prefix byte and two 32-byte halves of an inner node's input. */
  private final byte[] block = new byte[1 + 2 * LENGTH];

  public NodeHasher() {
    block[0] = INNER_PREFIX;
  }

  /** {@code out = SHA-256(0x00 ‖ key ‖ value)}. */
  public void leaf(byte[] key, byte[] value, byte[] out) {
    digest.update(LEAF_PREFIX);
    digest.update(key, 0, LENGTH);
    digest.update(value, 0, LENGTH);
    finish(out);
  }

  /** {@code out = SHA-256(0x01 ‖ left ‖ right)}. */
  public void inner(byte[] left, byte[] right, byte[] out) {
    System.arraycopy(left, 0, block, 1, LENGTH);
    System.arraycopy(right, 0, block, 1 + LENGTH, LENGTH);
    digest.update(block);
    finish(out);
  }

  /**
   * One level up from a node whose sibling is empty: {@code out = inner(child, 0³²)} when {@code
   * side} is 0 (the child is the left one), {@code inner(0³², child)} when it is 1.
   */
  public void lift(byte[] child, int side, byte[] out) {
    int childAt = side == 0 ? 1 : 1 + LENGTH;
    int emptyAt = side == 0 ? 1 + LENGTH : 1;
    System.arraycopy(child, 0, block, childAt, LENGTH);
    java.util.Arrays.fill(block, emptyAt, emptyAt + LENGTH, (byte) 0);
    digest.update(block);
    finish(out);
  }

  private void finish(byte[] out) {
    try {
      digest.digest(out, 0, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit 32 bytes", e);
    }
  }
}
