package dev.castellan.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RFC 8949 Appendix A examples ({@code cbor/appendix_a.json}). */
class CborAppendixATest {
  /** Indefinite-length strings decode to one joined string; the diagnostic shows the chunks. */
  private static final Map<String, String> JOINED = Map.of("5f42010243030405ff", "h'0102030405'");

  @Test
  void decode_everyExample_matchesDecodedOrDiagnostic() {
    Failures failures = new Failures();
    for (JsonNode vector : Vectors.json("cbor/appendix_a.json")) {
      String hex = vector.get("hex").asString();
      if (hex.equals("f818")) {
        continue; // simple(24): not well-formed in RFC 8949, see decode_twoByteSimpleBelow32_throws
      }
      failures.check(hex, () -> {
        CborValue value = Cbor.decode(Hex.decode(hex), CborLimits.WELL_FORMED);
        if (vector.has("decoded")) {
          assertMatches(vector.get("decoded"), value);
        } else {
          String diagnostic = vector.get("diagnostic").asString();
          assertThat(value.toString()).isEqualTo(JOINED.getOrDefault(hex, diagnostic));
        }
      });
    }
    failures.assertNone(81);
  }

  @Test
  void encode_roundtripExamples_reproducesBytesAndStrictDecodeAccepts() {
    Failures failures = new Failures();
    for (JsonNode vector : Vectors.json("cbor/appendix_a.json")) {
      String hex = vector.get("hex").asString();
      if (!vector.get("roundtrip").asBoolean() || hex.equals("f818")) {
        continue;
      }
      failures.check(hex, () -> {
        byte[] bytes = Hex.decode(hex);
        CborValue value = Cbor.decode(bytes, CborLimits.WELL_FORMED);
        assertThat(Hex.encode(Cbor.encode(value))).isEqualTo(hex);
        if (!hex.equals("a56161614161626142616361436164614461656145")) { // keys sorted anyway
          assertThat(Cbor.decode(bytes, CborLimits.DETERMINISTIC)).isEqualTo(value);
        }
      });
    }
    failures.assertNone(60);
  }

  @Test
  void decode_nonRoundtripExamples_rejectedInDeterministicMode() {
    Failures failures = new Failures();
    for (JsonNode vector : Vectors.json("cbor/appendix_a.json")) {
      if (vector.get("roundtrip").asBoolean()) {
        continue;
      }
      String hex = vector.get("hex").asString();
      failures.check(hex, () -> assertThatThrownBy(() -> Cbor.decode(Hex.decode(hex), CborLimits.DETERMINISTIC))
          .isInstanceOf(CborException.class));
    }
    failures.assertNone(15);
  }

  @Test
  void decode_twoByteSimpleBelow32_throws() {
    assertThatThrownBy(() -> Cbor.decode(Hex.decode("f818"), CborLimits.WELL_FORMED))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("simple value");
  }

  static void assertMatches(JsonNode expected, CborValue actual) throws CborException {
    if (expected.isIntegralNumber()) {
      assertThat(actual.asBigInteger()).isEqualTo(expected.bigIntegerValue());
    } else if (expected.isNumber()) {
      assertThat(Double.doubleToRawLongBits(actual.asDouble()))
          .isEqualTo(Double.doubleToRawLongBits(expected.doubleValue()));
    } else if (expected.isString()) {
      assertThat(actual.asText()).isEqualTo(expected.asString());
    } else if (expected.isBoolean()) {
      assertThat(actual.asBoolean()).isEqualTo(expected.asBoolean());
    } else if (expected.isNull()) {
      assertThat(actual.isNull()).isTrue();
    } else if (expected.isArray()) {
      List<CborValue> items = actual.asArray();
      assertThat(items).hasSize(expected.size());
      for (int i = 0; i < items.size(); i++) {
        assertMatches(expected.get(i), items.get(i));
      }
    } else {
      CborMap map = actual.asMap();
      assertThat(map.size()).isEqualTo(expected.size());
      for (String name : expected.propertyNames()) {
        assertMatches(expected.get(name), map.require(name));
      }
    }
  }
}
