package dev.castellan.core.ipld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** ipld/codec-fixtures: every DAG-CBOR block decodes, re-encodes byte-exact, and hashes to its name. */
class DagCborFixturesTest {
  private static final String ROOT = "ipld/codec-fixtures/";

  @Test
  void decode_everyFixture_reencodesToSameBytesAndCid() {
    Failures failures = new Failures();
    for (JsonNode fixture : Vectors.json(ROOT + "manifest.json")) {
      JsonNode dagCbor = fixture.get("dag-cbor");
      failures.check(fixture.get("name").asString(), () -> {
        byte[] block = Vectors.bytes(ROOT + dagCbor.get("file").asString());
        String expected = dagCbor.get("cid").asString();
        assertThat(Cid.of(Cid.DAG_CBOR, block).toString()).isEqualTo(expected);
        CborValue value = DagCbor.decode(block);
        assertThat(Hex.encode(DagCbor.encode(value))).isEqualTo(Hex.encode(block));
        assertThat(DagCbor.cid(value).toString()).isEqualTo(expected);
        assertThat(Cid.parse(expected).toString()).isEqualTo(expected);
      });
    }
    failures.assertNone(128);
  }

  @Test
  void decode_cidFixtures_linkTargetsMatchTheirNames() {
    Failures failures = new Failures();
    for (JsonNode fixture : Vectors.json(ROOT + "manifest.json")) {
      String name = fixture.get("name").asString();
      if (!name.startsWith("cid-") || name.endsWith("of")) {
        continue; // cid-arrayof / cid-mapof hold several links
      }
      failures.check(name, () -> {
        CborValue value = DagCbor.decode(Vectors.bytes(ROOT + fixture.get("dag-cbor").get("file").asString()));
        Cid target = DagCbor.linkTarget(value);
        String text = name.substring(4);
        assertThat(target).isEqualTo(Cid.parse(text));
        if (!text.startsWith("z")) {
          assertThat(target.toString()).isEqualTo(text);
        }
      });
    }
    failures.assertNone(16);
  }

  @Test
  void decode_negativeFixtures_throw() {
    Failures failures = new Failures();
    for (JsonNode fixture : Vectors.json(ROOT + "negative-fixtures/dag-cbor/decode/duplicate-keys.json")) {
      failures.check(fixture.get("name").asString(), () -> assertThatThrownBy(
              () -> DagCbor.decode(Hex.decode(fixture.get("hex").asString())))
          .isInstanceOf(IpldException.class));
    }
    failures.assertNone(1);
  }
}
