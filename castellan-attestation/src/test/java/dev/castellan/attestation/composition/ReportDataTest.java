package dev.castellan.attestation.composition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castellan.core.bytes.Hex;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * REPORT_DATA v1 and the service leaves against values computed independently (Python's
 * hashlib over the byte strings docs/agent.md specifies).
 */
class ReportDataTest {
  private static final byte[] NONCE = range(0);
  private static final byte[] IMAGE = range(32);
  private static final byte[] ROOT = range(64);
  private static final byte[] GPU = range(96);

  @Test
  void reportDataWithAGpuIsTheSpecifiedSha512() {
    assertEquals("8e687f036a224a81dc0433ded0f90977b8435309c804b778a5d7d76fc1663a20"
        + "67ea17b6696f74087cc1cd574d6d5ba4bebaeaa664c9ce4c8d37d9dd11d1efc8",
        Hex.encode(ReportData.compute(NONCE, IMAGE, ROOT, GPU)));
    assertEquals(Hex.encode(ReportData.compute(NONCE, IMAGE, ROOT, GPU)),
        Hex.encode(new ReportData.Components(IMAGE, ROOT, Optional.of(GPU)).reportData(NONCE)));
  }

  @Test
  void withoutAGpuTheDigestIsThirtyTwoZeroBytes() {
    String expected = "0d92f5bf0139490c9d0c7375913d57afe456fbb50244ca0d686a259a255957a0"
        + "744d86d3ad961c3aa810adce77066f6d42d54f4f0978befab25d126fd6f26bae";
    assertEquals(expected, Hex.encode(new ReportData.Components(IMAGE, ROOT, Optional.empty()).reportData(NONCE)));
    assertEquals(expected, Hex.encode(ReportData.compute(NONCE, IMAGE, ROOT, new byte[32])));
  }

  @Test
  void everyPartChangesTheResult() {
    byte[] base = ReportData.compute(NONCE, IMAGE, ROOT, GPU);
    for (int part = 0; part < 4; part++) {
      byte[][] parts = {NONCE.clone(), IMAGE.clone(), ROOT.clone(), GPU.clone()};
      parts[part][31] ^= 1;
      assertFalse(Arrays.equals(base, ReportData.compute(parts[0], parts[1], parts[2], parts[3])), "part " + part);
    }
  }

  @Test
  void partsOfTheWrongLengthAreRefusedNeverPadded() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReportData.compute(new byte[31], IMAGE, ROOT, GPU));
    assertEquals("nonce must be 32 bytes, got 31", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ReportData.Components(new byte[33], ROOT, Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> new ReportData.Components(IMAGE, ROOT, Optional.of(new byte[0])));
  }

  @Test
  void serviceLeafKeyAndValueAreTheSpecifiedHashes() {
    byte[] publicKey = Hex.decode("02" + "11".repeat(32));
    ServiceLeaf leaf = new ServiceLeaf("echo", IMAGE, publicKey);
    assertEquals("092c79e8f80e559e404bcf660c48f3522b67aba9ff1484b0367e1a4ddef7431d", Hex.encode(leaf.key()));
    assertEquals("31b661b4ad44cd7286c967af96e8453979f1e2a835449a0bf0faafa3126ca94d", Hex.encode(leaf.value()));
  }

  @Test
  void theTreeOfOneServiceHasTheRootOfItsLeafHashedUpAllLevels() {
    ServiceLeaf leaf = new ServiceLeaf("echo", IMAGE, Hex.decode("02" + "11".repeat(32)));
    ServiceTree tree = ServiceTree.of(java.util.List.of(leaf));
    assertEquals("465641472c4cf0b3917775e924856b96cc5e46db8303da4fc2875874e013fec3", Hex.encode(tree.root()));
    assertArrayEquals(new byte[32], ServiceTree.of(java.util.List.of()).root());
    assertEquals(true, tree.prove("echo").verifiesMembership(tree.root(), leaf.key(), leaf.value()));
    assertEquals(true, tree.prove("other").verifiesNonMembership(tree.root(), ServiceLeaf.key("other")));
  }

  @Test
  void namesAreBoundedAndTreesRefuseDuplicates() {
    for (String bad : new String[] {"", "-echo", "a/b", "e cho", "x".repeat(65), "échо"}) {
      assertThrows(IllegalArgumentException.class, () -> ServiceLeaf.requireName(bad), bad);
    }
    ServiceLeaf leaf = new ServiceLeaf("echo", IMAGE, new byte[] {1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServiceTree.of(java.util.List.of(leaf, leaf)));
    assertEquals("service echo is listed twice", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ServiceLeaf("echo", new byte[31], new byte[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new ServiceLeaf("echo", IMAGE, new byte[0]));
  }

  private static byte[] range(int from) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (from + i);
    }
    return out;
  }
}
