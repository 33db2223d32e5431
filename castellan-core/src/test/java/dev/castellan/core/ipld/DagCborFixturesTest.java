package dev.castellan.core.ipld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

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

  /** Cross-codec: the DAG-JSON form of each fixture, rebuilt as a value, encodes to the DAG-CBOR block. */
  @Test
  void encode_dagJsonFormOfEveryFixture_equalsDagCborBlock() {
    Failures failures = new Failures();
    ObjectMapper json = new ObjectMapper();
    for (JsonNode fixture : Vectors.json(ROOT + "manifest.json")) {
      failures.check(fixture.get("name").asString(), () -> {
        byte[] block = Vectors.bytes(ROOT + fixture.get("dag-cbor").get("file").asString());
        JsonNode tree = json.readTree(Vectors.bytes(ROOT + fixture.get("dag-json").get("file").asString()));
        assertThat(Hex.encode(DagCbor.encode(fromDagJson(tree)))).isEqualTo(Hex.encode(block));
      });
    }
    failures.assertNone(128);
  }

  /** A test-only reading of DAG-JSON (ipld.io/specs/codecs/dag-json/spec): {"/": cid} links, {"/": {"bytes": b64}}. */
  private static CborValue fromDagJson(JsonNode node) throws IpldException {
    if (node.isIntegralNumber()) {
      return CborValue.of(node.bigIntegerValue());
    }
    if (node.isNumber()) {
      return CborValue.of(node.doubleValue());
    }
    if (node.isString()) {
      return CborValue.of(node.asString());
    }
    if (node.isBoolean()) {
      return CborValue.of(node.asBoolean());
    }
    if (node.isNull()) {
      return CborSimple.NULL;
    }
    if (node.isArray()) {
      List<CborValue> items = new ArrayList<>();
      for (JsonNode item : node) {
        items.add(fromDagJson(item));
      }
      return new CborArray(items);
    }
    JsonNode slash = node.get("/");
    if (node.size() == 1 && slash != null && slash.isString()) {
      return DagCbor.link(Cid.parse(slash.asString()));
    }
    if (node.size() == 1 && slash != null && slash.isObject() && slash.size() == 1 && slash.has("bytes")) {
      return CborValue.of(Base64.getDecoder().decode(slash.get("bytes").asString()));
    }
    CborMap.Builder map = CborMap.builder();
    for (String name : node.propertyNames()) {
      map.put(name, fromDagJson(node.get(name)));
    }
    return map.build();
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
