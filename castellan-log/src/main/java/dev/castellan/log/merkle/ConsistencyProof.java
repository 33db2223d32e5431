package dev.castellan.log.merkle;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.log.ProofException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verification of RFC 9162 section 2.1.4.2 consistency proofs: that the tree of size
 * {@code size1} with root {@code root1} is a prefix of the tree of size {@code size2} with
 * root {@code root2}, i.e. the log only appended.
 *
 * <p>Proofs are defined for {@code 0 < size1 <= size2}; a consistency check from the empty
 * tree proves nothing and is rejected here, so callers MUST treat a trusted size of 0 as
 * "no previous state" themselves. Equal sizes require an empty proof and equal roots.
 */
public final class ConsistencyProof {
  private ConsistencyProof() {}

  /** Returns normally only if {@code proof} shows the first tree is a prefix of the second. */
  public static void verify(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
      throws ProofException {
    if (proof == null) {
      proof = List.of();
    }
    if (size1 < 1 || size2 < size1) {
      throw new ProofException(
          String.format(Locale.ROOT, "no consistency proof exists from size %d to size %d", size1, size2));
    }
    InclusionProof.checkHash(root1, "first root");
    InclusionProof.checkHash(root2, "second root");
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        throw new ProofException("consistency proof between equal sizes must be empty");
      }
      if (!ConstantTime.equals(root1, root2)) {
        throw new ProofException("trees of equal size have different roots", root1, root2);
      }
      return;
    }
    if (proof.isEmpty() || proof.size() > 2 * InclusionProof.MAX_PROOF_LENGTH) {
      throw new ProofException("consistency proof has the wrong number of hashes");
    }
    for (byte[] p : proof) {
      InclusionProof.checkHash(p, "proof hash");
    }
    List<byte[]> path = proof;
    if (Long.bitCount(size1) == 1) {
      // The old tree is a complete subtree of the new one: its root is the proof's first node.
      path = new ArrayList<>(proof.size() + 1);
      path.add(root1);
      path.addAll(proof);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.getFirst();
    byte[] sr = path.getFirst();
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw new ProofException("consistency proof has more hashes than the sizes need");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = TreeHasher.nodeHash(c, fr);
        sr = TreeHasher.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = TreeHasher.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException("consistency proof has fewer hashes than the sizes need");
    }
    if (!ConstantTime.equals(fr, root1)) {
      throw new ProofException(
          String.format(Locale.ROOT, "consistency proof does not lead to the root of size %d", size1), root1, fr);
    }
    if (!ConstantTime.equals(sr, root2)) {
      throw new ProofException(
          String.format(Locale.ROOT, "consistency proof does not lead to the root of size %d", size2), root2, sr);
    }
  }
}
