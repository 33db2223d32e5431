package dev.castellan.core.smt;

import static dev.castellan.core.smt.Leaves.flipBit;
import static dev.castellan.core.smt.Leaves.hex;
import static dev.castellan.core.smt.Leaves.random32;
import static dev.castellan.core.smt.Leaves.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tree against {@link NaiveSparseMerkleTree} on seeded random and adversarial key sets. */
class SparseMerkleTreeTest {

  /** size, seed, present keys whose siblings are compared with the oracle, absent ones likewise. */
  @ParameterizedTest(name = "{0} leaves, seed {1}")
  @CsvSource({
    "0, 11, 0, 5",
    "1, 12, 1, 5",
    "2, 13, 2, 5",
    "10, 14, 10, 10",
    "100, 15, 10, 5",
    "1000, 16, 4, 2",
    "10000, 17, 1, 1"
  })
  void randomTree_rootAndProofs_agreeWithNaiveTree(int size, long seed, int comparedPresent,
      int comparedAbsent) {
    Random random = new Random(seed);
    Map<String, byte[]> leaves = Leaves.random(size, random);
    SparseMerkleTree tree = Leaves.tree(leaves);
    NaiveSparseMerkleTree naive = new NaiveSparseMerkleTree(leaves);
    String context = "seed " + seed + ", " + size + " leaves";

    byte[] root = tree.root();
    assertThat(hex(root)).as(context).isEqualTo(hex(naive.root()));
    assertThat(tree.size()).as(context).isEqualTo(size);

    List<String> keys = new ArrayList<>(leaves.keySet());
    for (int i = 0; i < Math.min(size, 50); i++) {
      byte[] key = unhex(keys.get(random.nextInt(size)));
      byte[] value = leaves.get(hex(key));
      SmtProof proof = tree.prove(key);
      String what = context + ", present key " + hex(key);
      if (i < comparedPresent) {
        assertSiblings(proof, naive.siblings(key), what);
      }
      assertThat(proof.verifiesMembership(root, key, value)).as(what).isTrue();
      assertThat(proof.verifiesMembership(root, key, random32(random))).as(what).isFalse();
      assertThat(proof.verifiesNonMembership(root, key)).as(what).isFalse();
      assertThat(roundTrip(proof)).as(what).isEqualTo(proof);
      assertThat(tree.get(key)).as(what).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
    }
    for (int i = 0; i < 20; i++) {
      byte[] key = random32(random);
      SmtProof proof = tree.prove(key);
      String what = context + ", absent key " + hex(key);
      if (i < comparedAbsent) {
        assertSiblings(proof, naive.siblings(key), what);
      }
      assertThat(proof.verifiesNonMembership(root, key)).as(what).isTrue();
      assertThat(proof.verifiesMembership(root, key, random32(random))).as(what).isFalse();
      assertThat(proof.verifiesMembership(root, key, new byte[32])).as(what).isFalse();
      assertThat(roundTrip(proof)).as(what).isEqualTo(proof);
      assertThat(tree.get(key)).as(what).isEmpty();
    }
    if (size > 0) {
      byte[] present = unhex(keys.get(0));
      SmtProof absentProof = tree.prove(random32(random));
      assertThat(absentProof.verifiesNonMembership(root, present)).as(context).isFalse();
    }
  }

  /** Keys that share long prefixes: part only at bit 0, only at bit 255, in the middle, nested. */
  @Test
  void sharedPrefixes_rootAndEveryProof_agreeWithNaiveTree() {
    byte[] zero = new byte[32];
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    List<byte[]> keys = List.of(zero, flipBit(zero, 255), flipBit(zero, 0), flipBit(zero, 128),
        flipBit(flipBit(zero, 128), 129), flipBit(zero, 254), ones, flipBit(ones, 255),
        flipBit(ones, 0), flipBit(ones, 7), flipBit(ones, 8));
    Random random = new Random(21);
    Map<String, byte[]> leaves = new LinkedHashMap<>();
    SparseMerkleTree tree = new SparseMerkleTree();
    for (byte[] key : keys) {
      byte[] value = random32(random);
      leaves.put(hex(key), value);
      tree.put(key, value);
      NaiveSparseMerkleTree naive = new NaiveSparseMerkleTree(leaves);
      byte[] root = tree.root();
      assertThat(hex(root)).as("after %d keys", leaves.size()).isEqualTo(hex(naive.root()));
      for (String present : leaves.keySet()) {
        byte[] presentKey = unhex(present);
        SmtProof proof = tree.prove(presentKey);
        assertSiblings(proof, naive.siblings(presentKey), "present " + present);
        assertThat(proof.verifiesMembership(root, presentKey, leaves.get(present))).isTrue();
        // Absent neighbours that part from this key at every depth exercise every edge split.
        for (int bit = 0; bit < 256; bit += 17) {
          byte[] neighbour = flipBit(presentKey, bit);
          if (!leaves.containsKey(hex(neighbour))) {
            SmtProof absent = tree.prove(neighbour);
            assertSiblings(absent, naive.siblings(neighbour), "absent " + hex(neighbour));
            assertThat(absent.verifiesNonMembership(root, neighbour)).isTrue();
          }
        }
      }
    }
  }

  @Test
  void emptyTree_rootIsZero_andEveryKeyIsProvenAbsent() {
    SparseMerkleTree tree = new SparseMerkleTree();
    assertThat(tree.root()).isEqualTo(new byte[32]);
    SmtProof proof = tree.prove(new byte[32]);
    assertThat(proof.siblingCount()).isZero();
    assertThat(proof.encode()).isEqualTo(new byte[32]);
    assertThat(proof.verifiesNonMembership(new byte[32], random32(new Random(1)))).isTrue();
  }

  @Test
  void put_existingKey_replacesValue_likeATreeBuiltWithTheNewValue() {
    Random random = new Random(31);
    Map<String, byte[]> leaves = Leaves.random(50, random);
    SparseMerkleTree tree = Leaves.tree(leaves);
    String key = leaves.keySet().iterator().next();
    byte[] newValue = random32(random);
    tree.put(unhex(key), newValue);
    leaves.put(key, newValue);
    assertThat(tree.size()).isEqualTo(50);
    assertThat(tree.root()).isEqualTo(Leaves.tree(leaves).root());
    assertThat(hex(tree.root())).isEqualTo(hex(new NaiveSparseMerkleTree(leaves).root()));
    assertThat(tree.get(unhex(key))).hasValueSatisfying(v -> assertThat(v).isEqualTo(newValue));
  }

  @Test
  void put_sameValueAgain_keepsRoot() {
    Random random = new Random(33);
    Map<String, byte[]> leaves = Leaves.random(20, random);
    SparseMerkleTree tree = Leaves.tree(leaves);
    byte[] root = tree.root();
    leaves.forEach((key, value) -> tree.put(unhex(key), value.clone()));
    assertThat(tree.root()).isEqualTo(root);
    assertThat(tree.size()).isEqualTo(20);
  }

  @Test
  void prove_thenTreeChanges_proofStillVerifiesAgainstTheOldRoot() {
    Random random = new Random(35);
    Map<String, byte[]> leaves = Leaves.random(30, random);
    SparseMerkleTree tree = Leaves.tree(leaves);
    String key = leaves.keySet().iterator().next();
    byte[] oldRoot = tree.root();
    SmtProof proof = tree.prove(unhex(key));
    byte[] encoded = proof.encode();
    for (int i = 0; i < 30; i++) {
      tree.put(random32(random), random32(random));
    }
    tree.root();
    assertThat(proof.encode()).isEqualTo(encoded);
    assertThat(proof.verifiesMembership(oldRoot, unhex(key), leaves.get(key))).isTrue();
    assertThat(proof.verifiesMembership(tree.root(), unhex(key), leaves.get(key))).isFalse();
  }

  @Test
  void remove_eachKeyInTurn_rootEqualsTreeBuiltWithoutIt() {
    Random random = new Random(41);
    Map<String, byte[]> leaves = Leaves.random(40, random);
    SparseMerkleTree tree = Leaves.tree(leaves);
    tree.root(); // hashes cached, so removal must update them
    for (String key : new ArrayList<>(leaves.keySet())) {
      assertThat(tree.remove(unhex(key))).isTrue();
      leaves.remove(key);
      assertThat(tree.remove(unhex(key))).isFalse();
      assertThat(hex(tree.root())).as("without %s", key)
          .isEqualTo(hex(Leaves.tree(leaves).root()))
          .isEqualTo(hex(new NaiveSparseMerkleTree(leaves).root()));
      assertThat(tree.size()).isEqualTo(leaves.size());
    }
    assertThat(tree.root()).isEqualTo(new byte[32]);
  }

  /** Interleaved puts, replaces and removes over keys that crowd a few prefixes. */
  @Test
  void randomOperations_rootAlwaysEqualsNaiveTree() {
    long seed = 51;
    Random random = new Random(seed);
    List<byte[]> pool = new ArrayList<>();
    byte[] base = random32(random);
    for (int i = 0; i < 30; i++) {
      pool.add(flipBit(flipBit(base, 200 + random.nextInt(56)), random.nextInt(256)));
    }
    SparseMerkleTree tree = new SparseMerkleTree();
    Map<String, byte[]> leaves = new LinkedHashMap<>();
    for (int step = 0; step < 300; step++) {
      byte[] key = pool.get(random.nextInt(pool.size()));
      if (random.nextInt(3) == 0) {
        assertThat(tree.remove(key)).isEqualTo(leaves.remove(hex(key)) != null);
      } else {
        byte[] value = random32(random);
        tree.put(key, value);
        leaves.put(hex(key), value);
      }
      if (step % 3 == 0) {
        assertThat(hex(tree.root())).as("seed %d, step %d", seed, step)
            .isEqualTo(hex(new NaiveSparseMerkleTree(leaves).root()));
      }
      byte[] probe = pool.get(random.nextInt(pool.size()));
      byte[] value = leaves.get(hex(probe));
      SmtProof proof = tree.prove(probe);
      byte[] root = tree.root();
      assertThat(value == null
          ? proof.verifiesNonMembership(root, probe)
          : proof.verifiesMembership(root, probe, value))
          .as("seed %d, step %d", seed, step).isTrue();
    }
  }

  @Test
  void arrays_areCopiedInAndOut() {
    SparseMerkleTree tree = new SparseMerkleTree();
    byte[] key = new byte[32];
    byte[] value = new byte[32];
    value[0] = 7;
    tree.put(key, value);
    byte[] root = tree.root();
    value[0] = 8;
    key[0] = 1;
    assertThat(tree.root()).isEqualTo(root);
    tree.get(new byte[32]).orElseThrow()[0] = 9;
    tree.root()[0] ^= 1;
    assertThat(tree.root()).isEqualTo(root);
    assertThat(tree.get(new byte[32]).orElseThrow()[0]).isEqualTo((byte) 7);
  }

  @Test
  void wrongLengths_throwIllegalArgument() {
    SparseMerkleTree tree = new SparseMerkleTree();
    assertThatThrownBy(() -> tree.put(new byte[31], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("key must be 32 bytes, got 31");
    assertThatThrownBy(() -> tree.put(new byte[32], new byte[33]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("value must be 32 bytes, got 33");
    assertThatThrownBy(() -> tree.get(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.remove(new byte[64])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.prove(new byte[1])).isInstanceOf(IllegalArgumentException.class);
    SmtProof proof = tree.prove(new byte[32]);
    assertThatThrownBy(() -> proof.verifiesNonMembership(new byte[31], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("root must be 32 bytes, got 31");
    assertThatThrownBy(() -> proof.computeRoot(new byte[32], new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertSiblings(SmtProof proof, byte[][] expected, String what) {
    int nonEmpty = 0;
    for (int i = 0; i < 256; i++) {
      assertThat(hex(proof.sibling(i))).as("%s, sibling %d", what, i).isEqualTo(hex(expected[i]));
      nonEmpty += java.util.Arrays.equals(expected[i], new byte[32]) ? 0 : 1;
    }
    assertThat(proof.siblingCount()).as(what).isEqualTo(nonEmpty);
  }

  private static SmtProof roundTrip(SmtProof proof) {
    try {
      return SmtProof.decode(proof.encode());
    } catch (SmtProofException e) {
      throw new AssertionError(e);
    }
  }
}
