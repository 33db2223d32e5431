package dev.castellan.core.smt;

import static dev.castellan.core.smt.Leaves.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked example of docs/smt.md: these hex strings are the document's, byte for byte. */
class SmtWorkedExampleTest {
  private static final byte[] KEY_A = new byte[32];
  private static final byte[] VALUE_A = filled(0x11);
  private static final byte[] KEY_B = key(0, 0x40);
  private static final byte[] VALUE_B = filled(0x22);
  private static final byte[] KEY_C = key(0, 0x80);
  private static final byte[] KEY_D = key(31, 0x01);

  private static final String LEAF_A =
      "8e724b356ecbd683d218e82e1a5c03ccbff6bd2949257bcc7a8e35297d18e992";
  private static final String LEAF_B =
      "f18064b2664cd0ea90180204c17df51bffaf04d95ca9c8b7e22dae07481fa60e";
  private static final String ROOT_A_ONLY =
      "d53d7cd9eb825b07e8537cd9575aec41c8fb97e8397ef0c3102525c09926df32";
  private static final String ROOT =
      "311f35826977c8c8115b623f9111dca07e056721855c945a89fda280cdcb6212";
  private static final String BITMAP_BIT_1 = "40" + "00".repeat(31);
  private static final String B_AT_DEPTH_2 =
      "be785f60882070b1aa738c8886e61067d07f0252cecbb9421d033df75b05fd16";
  private static final String NODE_AT_DEPTH_1 =
      "065762263b5bc959ea89b5533c320c43254bc3a695234e6131dddf87d4f2d864";
  private static final String PROOF_A = BITMAP_BIT_1 + B_AT_DEPTH_2;
  private static final String PROOF_C = "80" + "00".repeat(31) + NODE_AT_DEPTH_1;
  private static final String PROOF_D = "40" + "00".repeat(30) + "01" + B_AT_DEPTH_2 + LEAF_A;

  @Test
  void leafHashes_matchTheDocument() {
    assertThat(hex(SmtHashes.leaf(KEY_A, VALUE_A))).isEqualTo(LEAF_A);
    assertThat(hex(SmtHashes.leaf(KEY_B, VALUE_B))).isEqualTo(LEAF_B);
  }

  @Test
  void roots_ofTreeAndNaiveOracle_matchTheDocument() {
    Map<String, byte[]> onlyA = Map.of(hex(KEY_A), VALUE_A);
    assertThat(hex(new NaiveSparseMerkleTree(onlyA).root())).isEqualTo(ROOT_A_ONLY);
    assertThat(hex(Leaves.tree(onlyA).root())).isEqualTo(ROOT_A_ONLY);

    Map<String, byte[]> both = leaves();
    assertThat(hex(new NaiveSparseMerkleTree(both).root())).isEqualTo(ROOT);
    assertThat(hex(Leaves.tree(both).root())).isEqualTo(ROOT);
  }

  @Test
  void proofs_ofTree_matchTheDocument_andNaiveSiblings() throws SmtProofException {
    SparseMerkleTree tree = Leaves.tree(leaves());
    NaiveSparseMerkleTree naive = new NaiveSparseMerkleTree(leaves());
    byte[] root = Leaves.unhex(ROOT);
    assertThat(hex(tree.prove(KEY_A).encode())).isEqualTo(PROOF_A);
    assertThat(hex(tree.prove(KEY_C).encode())).isEqualTo(PROOF_C);
    assertThat(hex(tree.prove(KEY_D).encode())).isEqualTo(PROOF_D);
    assertThat(hex(naive.siblings(KEY_A)[1])).isEqualTo(B_AT_DEPTH_2);
    assertThat(hex(naive.siblings(KEY_C)[0])).isEqualTo(NODE_AT_DEPTH_1);
    assertThat(hex(naive.siblings(KEY_D)[255])).isEqualTo(LEAF_A);

    assertThat(SmtProof.decode(Leaves.unhex(PROOF_A)).verifiesMembership(root, KEY_A, VALUE_A))
        .isTrue();
    assertThat(SmtProof.decode(Leaves.unhex(PROOF_C)).verifiesNonMembership(root, KEY_C)).isTrue();
    assertThat(SmtProof.decode(Leaves.unhex(PROOF_D)).verifiesNonMembership(root, KEY_D)).isTrue();
  }

  private static Map<String, byte[]> leaves() {
    Map<String, byte[]> leaves = new LinkedHashMap<>();
    leaves.put(hex(KEY_A), VALUE_A);
    leaves.put(hex(KEY_B), VALUE_B);
    return leaves;
  }

  private static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) b);
    return bytes;
  }

  private static byte[] key(int index, int b) {
    byte[] key = new byte[32];
    key[index] = (byte) b;
    return key;
  }
}
