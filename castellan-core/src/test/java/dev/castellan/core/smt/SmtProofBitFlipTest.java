package dev.castellan.core.smt;

import static dev.castellan.core.smt.Leaves.flipBit;
import static dev.castellan.core.smt.Leaves.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No single flipped bit survives: not in the encoded proof (decoding or verification fails),
 * nor in the key, the value or the root. Each test collects every surviving position.
 */
class SmtProofBitFlipTest {
  private static final long SEED = 61;

  private SparseMerkleTree tree;
  private byte[] key;
  private byte[] value;
  private byte[] absentKey;
  private byte[] root;

  @BeforeEach
  void buildTree() {
    Random random = new Random(SEED);
    tree = new SparseMerkleTree();
    key = Leaves.random32(random);
    value = Leaves.random32(random);
    tree.put(key, value);
    // Neighbours parting from the key at several depths give its proof siblings all the way down.
    for (int bit : new int[] {0, 3, 40, 130, 255}) {
      tree.put(flipBit(key, bit), Leaves.random32(random));
    }
    for (int i = 0; i < 6; i++) {
      tree.put(Leaves.random32(random), Leaves.random32(random));
    }
    absentKey = flipBit(key, 77);
    root = tree.root();
  }

  @Test
  void membershipProof_everyFlippedBit_failsDecodeOrVerification() {
    byte[] encoded = tree.prove(key).encode();
    assertThat(tree.prove(key).siblingCount()).isGreaterThanOrEqualTo(5);
    List<Integer> survivors = new ArrayList<>();
    for (int bit = 0; bit < encoded.length * 8; bit++) {
      SmtProof flipped = decodeOrNull(flipBit(encoded, bit));
      if (flipped != null && flipped.verifiesMembership(root, key, value)) {
        survivors.add(bit);
      }
    }
    assertThat(survivors).as("seed %d, proof %s", SEED, hex(encoded)).isEmpty();
  }

  @Test
  void nonMembershipProof_everyFlippedBit_failsDecodeOrVerification() {
    byte[] encoded = tree.prove(absentKey).encode();
    assertThat(tree.prove(absentKey).verifiesNonMembership(root, absentKey)).isTrue();
    List<Integer> survivors = new ArrayList<>();
    for (int bit = 0; bit < encoded.length * 8; bit++) {
      SmtProof flipped = decodeOrNull(flipBit(encoded, bit));
      if (flipped != null && flipped.verifiesNonMembership(root, absentKey)) {
        survivors.add(bit);
      }
    }
    assertThat(survivors).as("seed %d", SEED).isEmpty();
  }

  @Test
  void membershipProof_flippedKeyValueOrRootBit_failsVerification() {
    SmtProof proof = tree.prove(key);
    assertThat(proof.verifiesMembership(root, key, value)).isTrue();
    List<String> survivors = new ArrayList<>();
    for (int bit = 0; bit < 256; bit++) {
      if (proof.verifiesMembership(root, flipBit(key, bit), value)) {
        survivors.add("key bit " + bit);
      }
      if (proof.verifiesMembership(root, key, flipBit(value, bit))) {
        survivors.add("value bit " + bit);
      }
      if (proof.verifiesMembership(flipBit(root, bit), key, value)) {
        survivors.add("root bit " + bit);
      }
    }
    assertThat(survivors).as("seed %d", SEED).isEmpty();
  }

  /**
   * The absent key parts from the stored paths at bit 77, so every key that agrees with it on bits
   * 0..77 lies in the same empty subtree and is truly absent with the same siblings: those flips
   * verify, and must. Flips at bits 0..77 change the path (bit 77 gives the present key) and fail.
   */
  @Test
  void nonMembershipProof_flippedKeyBitOnPathOrRootBit_failsVerification() {
    SmtProof proof = tree.prove(absentKey);
    List<String> survivors = new ArrayList<>();
    List<String> rejectedBelow = new ArrayList<>();
    for (int bit = 0; bit < 256; bit++) {
      boolean verifies = proof.verifiesNonMembership(root, flipBit(absentKey, bit));
      if (bit <= 77 && verifies) {
        survivors.add("key bit " + bit);
      }
      if (bit > 77 && !verifies) {
        rejectedBelow.add("key bit " + bit);
      }
      if (proof.verifiesNonMembership(flipBit(root, bit), absentKey)) {
        survivors.add("root bit " + bit);
      }
    }
    assertThat(survivors).as("seed %d", SEED).isEmpty();
    assertThat(rejectedBelow).as("seed %d", SEED).isEmpty();
  }

  private static SmtProof decodeOrNull(byte[] encoded) {
    try {
      return SmtProof.decode(encoded);
    } catch (SmtProofException e) {
      return null;
    }
  }
}
