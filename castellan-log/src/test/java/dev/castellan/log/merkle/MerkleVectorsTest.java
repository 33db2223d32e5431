package dev.castellan.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.log.ProofException;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Every file under merkle/: transparency-dev probes, the RFC 6962 reference tree, the derived proofs. */
class MerkleVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void inclusionProbes_verifyIffNotWantErr() throws IOException {
    Failures failures = new Failures();
    int valid = 0;
    for (Path file : jsonFiles("merkle/transparency-dev-merkle/testdata/inclusion")) {
      JsonNode v = JSON.readTree(file.toFile());
      boolean wantErr = v.get("wantErr").asBoolean();
      valid += wantErr ? 0 : 1;
      failures.check(file.toString(), () -> {
        boolean ok;
        try {
          InclusionProof.verify(
              number(v.get("leafIdx")), number(v.get("treeSize")), b64(v.get("leafHash")),
              b64List(v.get("proof")), b64(v.get("root")));
          ok = true;
        } catch (ProofException e) {
          ok = false;
        }
        assertThat(ok).as(v.get("desc").asString()).isEqualTo(!wantErr);
      });
    }
    failures.assertNone(98);
    assertThat(valid).isGreaterThanOrEqualTo(6);
  }

  @Test
  void consistencyProbes_verifyIffNotWantErr() throws IOException {
    Failures failures = new Failures();
    for (Path file : jsonFiles("merkle/transparency-dev-merkle/testdata/consistency")) {
      JsonNode v = JSON.readTree(file.toFile());
      boolean wantErr = v.get("wantErr").asBoolean();
      failures.check(file.toString(), () -> {
        boolean ok;
        try {
          ConsistencyProof.verify(
              number(v.get("size1")), number(v.get("size2")), b64(v.get("root1")),
              b64(v.get("root2")), b64List(v.get("proof")));
          ok = true;
        } catch (ProofException e) {
          ok = false;
        }
        // Deliberately stricter than the reference: hashes that are not 32 bytes are refused
        // even where equal sizes make the comparison vacuous.
        boolean expected = !wantErr && !STRICTER.contains(file.getFileName().toString());
        assertThat(ok).as(v.get("desc").asString()).isEqualTo(expected);
      });
    }
    failures.assertNone(98);
  }

  @Test
  void referenceTree_nodesRootsAndOfficialProofsMatch() {
    JsonNode tree = Vectors.json("merkle/rfc6962-reference-tree.json");
    HashTree hashTree = new HashTree();
    for (JsonNode leaf : tree.get("leaf_inputs_hex")) {
      hashTree.appendLeafHash(TreeHasher.leafHash(Hex.decode(leaf.asString())));
    }
    Failures failures = new Failures();
    JsonNode levels = tree.get("node_hashes_by_level");
    for (int level = 0; level < levels.size(); level++) {
      for (int i = 0; i < levels.get(level).size(); i++) {
        int l = level;
        int index = i;
        failures.check("node " + level + "/" + i, () ->
            assertThat(Hex.encode(hashTree.node(l, index))).isEqualTo(levels.get(l).get(index).asString()));
      }
    }
    JsonNode roots = tree.get("root_hash_by_tree_size");
    for (int size = 0; size < roots.size(); size++) {
      int n = size;
      failures.check("root " + size, () ->
          assertThat(Hex.encode(hashTree.root(n))).isEqualTo(roots.get(n).asString()));
    }
    checkProofs(hashTree, tree, failures);
    failures.assertNone(15 + 9 + 5 + 5);
  }

  @Test
  void derivedProofs_allInclusionAndConsistencyProofsMatchAndVerify() {
    JsonNode tree = Vectors.json("merkle/rfc6962-reference-tree.json");
    JsonNode derived = Vectors.json("merkle/derived-rfc6962-all-proofs-8-leaves.json");
    HashTree hashTree = new HashTree();
    for (JsonNode leaf : tree.get("leaf_inputs_hex")) {
      hashTree.appendLeafHash(TreeHasher.leafHash(Hex.decode(leaf.asString())));
    }
    Failures failures = new Failures();
    checkProofs(hashTree, derived, failures);
    failures.assertNone(72);
  }

  @Test
  void verify_wrongLengthHashes_throw() {
    byte[] leaf = TreeHasher.leafHash(new byte[0]);
    assertThatThrownBy(() -> InclusionProof.verify(0, 1, new byte[0], List.of(), new byte[0]))
        .isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> InclusionProof.verify(0, 1, leaf, List.of(), new byte[31]))
        .isInstanceOf(ProofException.class);
  }

  private static void checkProofs(HashTree hashTree, JsonNode vectors, Failures failures) {
    for (JsonNode p : vectors.get("inclusion_proofs")) {
      long index = p.get("leaf_index").asLong();
      long size = p.get("tree_size").asLong();
      failures.check("inclusion " + index + "/" + size, () -> {
        List<byte[]> proof = hexList(p.get("proof"));
        assertThat(hashTree.inclusionProof(index, size)).usingRecursiveComparison().isEqualTo(proof);
        InclusionProof.verify(index, size, Hex.decode(p.get("leaf_hash").asString()), proof,
            Hex.decode(p.get("root").asString()));
      });
    }
    for (JsonNode p : vectors.get("consistency_proofs")) {
      long size1 = p.get("size1").asLong();
      long size2 = p.get("size2").asLong();
      failures.check("consistency " + size1 + "/" + size2, () -> {
        List<byte[]> proof = hexList(p.get("proof"));
        assertThat(hashTree.consistencyProof(size1, size2)).usingRecursiveComparison().isEqualTo(proof);
        ConsistencyProof.verify(size1, size2, Hex.decode(p.get("root1").asString()),
            Hex.decode(p.get("root2").asString()), proof);
      });
    }
  }

  private static List<Path> jsonFiles(String relative) throws IOException {
    try (Stream<Path> walk = Files.walk(Vectors.path(relative))) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static final java.util.Set<String> STRICTER =
      java.util.Set.of("sizes-are-equal-one-and-proof-is-empty.json");

  /** A JSON number as a long; values beyond the long range (probes use 2^64-1) become -1. */
  private static long number(JsonNode node) {
    java.math.BigInteger value = node.bigIntegerValue();
    return value.bitLength() < 64 ? value.longValue() : -1;
  }

  private static byte[] b64(JsonNode node) {
    return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.asString());
  }

  private static List<byte[]> b64List(JsonNode node) {
    List<byte[]> out = new ArrayList<>();
    if (node != null && !node.isNull()) {
      node.forEach(n -> out.add(b64(n)));
    }
    return out;
  }

  private static List<byte[]> hexList(JsonNode node) {
    List<byte[]> out = new ArrayList<>();
    node.forEach(n -> out.add(Hex.decode(n.asString())));
    return out;
  }
}
