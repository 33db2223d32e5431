package dev.castellan.log.merkle;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.log.ProofException;
import java.util.List;
import java.util.Locale;

/**
 * Verification of RFC 9162 section 2.1.3.2 inclusion proofs: that a leaf hash is at a given
 * index of the tree with a given size and root.
 *
 * <p>{@link #verify} MUST be the only way a caller concludes inclusion; it throws on any
 * failure, consumes exactly the proof it is given (a proof one element too long or too short
 * fails), and rejects any hash that is not 32 bytes.
 */
public final class InclusionProof {
  /** A tree of at most 2^63 leaves has proofs of at most 63 hashes. */
  static final int MAX_PROOF_LENGTH = 63;

  private InclusionProof() {}

  /**
   * Returns normally only if {@code proof} shows that {@code leafHash} is leaf {@code index} of
   * the tree of {@code size} leaves whose root is {@code root}.
   */
  public static void verify(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofException {
    checkHash(root, "root");
    byte[] computed = rootFromProof(index, size, leafHash, proof);
    if (!ConstantTime.equals(computed, root)) {
      throw new ProofException(
          String.format(Locale.ROOT, "inclusion proof of leaf %d in tree of size %d leads to a different root", index, size),
          root,
          computed);
    }
  }

  /**
   * The root that {@code proof} leads to from {@code leafHash} at {@code index} in a tree of
   * {@code size}; throws if the proof has the wrong shape for that position.
   */
  public static byte[] rootFromProof(long index, long size, byte[] leafHash, List<byte[]> proof)
      throws ProofException {
    if (index < 0 || size < 1 || index >= size) {
      throw new ProofException(
          String.format(Locale.ROOT, "leaf index %d is outside a tree of size %d", index, size));
    }
    checkHash(leafHash, "leaf hash");
    if (proof == null) {
      proof = List.of();
    }
    if (proof.size() > MAX_PROOF_LENGTH) {
      throw new ProofException("inclusion proof is longer than any tree allows");
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      checkHash(p, "proof hash");
      if (sn == 0) {
        throw new ProofException(
            String.format(Locale.ROOT, "inclusion proof has more than the %d hashes its position needs", proof.size() - 1));
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = TreeHasher.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = TreeHasher.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException(
          String.format(Locale.ROOT, "inclusion proof has %d hashes, fewer than its position needs", proof.size()));
    }
    return r;
  }

  static void checkHash(byte[] hash, String what) throws ProofException {
    if (hash == null || hash.length != TreeHasher.HASH_LENGTH) {
      throw new ProofException(
          String.format(Locale.ROOT, "%s must be %d bytes, got %d", what, TreeHasher.HASH_LENGTH, hash == null ? 0 : hash.length));
    }
  }
}
