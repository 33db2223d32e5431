package dev.castellan.log.merkle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.log.ProofException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every proof of every tree up to 70 leaves verifies, and a flipped bit in any hash fails. */
class SubtreesPropertyTest {
  @Test
  void allProofs_upTo70Leaves_verifyAndMutationsFail() throws ProofException {
    HashTree tree = new HashTree();
    for (int i = 0; i < 70; i++) {
      tree.appendLeafHash(TreeHasher.leafHash(ByteBuffer.allocate(4).putInt(i).array()));
    }
    for (long size = 1; size <= 70; size++) {
      byte[] root = tree.root(size);
      for (long index = 0; index < size; index++) {
        List<byte[]> proof = tree.inclusionProof(index, size);
        InclusionProof.verify(index, size, tree.leafHash(index), proof, root);
        for (int k = 0; k < proof.size(); k++) {
          List<byte[]> bad = flip(proof, k);
          long i = index;
          long s = size;
          assertThatThrownBy(() -> InclusionProof.verify(i, s, tree.leafHash(i), bad, root))
              .isInstanceOf(ProofException.class);
        }
      }
      for (long size1 = 1; size1 <= size; size1++) {
        List<byte[]> proof = tree.consistencyProof(size1, size);
        ConsistencyProof.verify(size1, size, tree.root(size1), root, proof);
        for (int k = 0; k < proof.size(); k++) {
          List<byte[]> bad = flip(proof, k);
          long m = size1;
          long n = size;
          assertThatThrownBy(() -> ConsistencyProof.verify(m, n, tree.root(m), root, bad))
              .isInstanceOf(ProofException.class);
        }
      }
    }
  }

  private static List<byte[]> flip(List<byte[]> proof, int k) {
    List<byte[]> bad = new ArrayList<>();
    for (byte[] p : proof) {
      bad.add(p.clone());
    }
    bad.get(k)[7] ^= 0x10;
    return bad;
  }
}
