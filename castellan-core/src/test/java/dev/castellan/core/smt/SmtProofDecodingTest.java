package dev.castellan.core.smt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SmtProof#decode} accepts exactly one encoding per proof and says what is wrong. */
class SmtProofDecodingTest {

  @Test
  void decode_empty_throwsNamingTheBitmap() {
    assertThatThrownBy(() -> SmtProof.decode(new byte[0]))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof is 0 bytes, shorter than its 32-byte bitmap");
  }

  @Test
  void decode_shorterThanBitmap_throws() {
    assertThatThrownBy(() -> SmtProof.decode(new byte[31]))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof is 31 bytes, shorter than its 32-byte bitmap");
  }

  @Test
  void decode_emptyBitmapWithTrailingByte_throwsNamingTheLengths() {
    assertThatThrownBy(() -> SmtProof.decode(new byte[33]))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof is 33 bytes, but its bitmap marks 0 siblings, which take 32 bytes");
  }

  @Test
  void decode_bitmapMarksOneSibling_withNone_throws() {
    byte[] encoded = new byte[32];
    encoded[31] = 1;
    assertThatThrownBy(() -> SmtProof.decode(encoded))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof is 32 bytes, but its bitmap marks 1 siblings, which take 64 bytes");
  }

  @Test
  void decode_bitmapMarksTwo_withOne_throws() {
    byte[] encoded = proofWith(new int[] {3, 200});
    byte[] truncated = Arrays.copyOf(encoded, encoded.length - 32);
    assertThatThrownBy(() -> SmtProof.decode(truncated))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof is 64 bytes, but its bitmap marks 2 siblings, which take 96 bytes");
  }

  @Test
  void decode_validProofWithExtraSibling_throws() {
    byte[] encoded = proofWith(new int[] {0});
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 32);
    longer[longer.length - 1] = 5;
    assertThatThrownBy(() -> SmtProof.decode(longer))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof is 96 bytes, but its bitmap marks 1 siblings, which take 64 bytes");
  }

  @Test
  void decode_presentSiblingOfZeros_throwsNamingItsIndex() {
    for (int zeroAt : new int[] {0, 1, 2}) {
      int[] indices = {7, 100, 255};
      byte[] encoded = proofWith(indices);
      Arrays.fill(encoded, 32 + zeroAt * 32, 64 + zeroAt * 32, (byte) 0);
      int index = indices[zeroAt];
      assertThatThrownBy(() -> SmtProof.decode(encoded))
          .isInstanceOf(SmtProofException.class)
          .hasMessage("sibling %d (depth %d) is marked present but is 32 zero bytes",
              index, index + 1);
    }
  }

  @Test
  void decode_oversized_throwsBeforeReadingIt() {
    byte[] tooLong = new byte[SmtProof.MAX_ENCODED_BYTES + 1];
    Arrays.fill(tooLong, (byte) 0xff);
    assertThatThrownBy(() -> SmtProof.decode(tooLong))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof is 8225 bytes, over the maximum of 8224");
    assertThatThrownBy(() -> SmtProof.decode(new byte[1 << 20]))
        .isInstanceOf(SmtProofException.class)
        .hasMessageStartingWith("proof is 1048576 bytes, over the maximum");
  }

  @Test
  void decode_allSiblingsPresent_atMaximumLength_roundTrips() throws SmtProofException {
    int[] all = new int[256];
    Arrays.setAll(all, i -> i);
    byte[] encoded = proofWith(all);
    assertThat(encoded).hasSize(SmtProof.MAX_ENCODED_BYTES);
    SmtProof proof = SmtProof.decode(encoded);
    assertThat(proof.siblingCount()).isEqualTo(256);
    assertThat(proof.encode()).isEqualTo(encoded);
  }

  @Test
  void decode_emptyBitmap_isTheProofOfTheEmptyTree() throws SmtProofException {
    SmtProof proof = SmtProof.decode(new byte[32]);
    assertThat(proof.siblingCount()).isZero();
    byte[] key = Leaves.random32(new Random(3));
    assertThat(proof.computeRoot(key, null)).isEqualTo(new byte[32]);
    assertThat(proof.verifiesNonMembership(new byte[32], key)).isTrue();
    assertThat(proof.verifiesMembership(new byte[32], key, new byte[32])).isFalse();
  }

  @Test
  void decode_siblingsComeBackInIndexOrder() throws SmtProofException {
    SmtProof proof = SmtProof.decode(proofWith(new int[] {9, 17, 254}));
    assertThat(proof.sibling(9)[0]).isEqualTo((byte) 1);
    assertThat(proof.sibling(17)[0]).isEqualTo((byte) 2);
    assertThat(proof.sibling(254)[0]).isEqualTo((byte) 3);
    assertThat(proof.sibling(10)).isEqualTo(new byte[32]);
  }

  @Test
  void verify_throwingForms_throwOnMismatch() {
    SparseMerkleTree tree = new SparseMerkleTree();
    byte[] key = new byte[32];
    byte[] value = new byte[32];
    tree.put(key, value);
    SmtProof proof = tree.prove(key);
    byte[] root = tree.root();
    assertThatThrownBy(() -> proof.verifyNonMembership(root, key))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof does not lead to the expected root for this key as absent");
    assertThatThrownBy(() -> proof.verifyMembership(root, key, Leaves.flipBit(value, 3)))
        .isInstanceOf(SmtProofException.class)
        .hasMessage("proof does not lead to the expected root for this key and value");
  }

  /** An encoding with siblings at {@code indices} (increasing), the k-th filled with k % 255 + 1. */
  private static byte[] proofWith(int[] indices) {
    byte[] encoded = new byte[32 + 32 * indices.length];
    for (int k = 0; k < indices.length; k++) {
      encoded[indices[k] / 8] |= (byte) (0x80 >>> (indices[k] % 8));
      Arrays.fill(encoded, 32 + 32 * k, 64 + 32 * k, (byte) (k % 255 + 1));
    }
    return encoded;
  }
}
