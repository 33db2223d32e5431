package dev.castellan.core.ipld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborTag;
import dev.castellan.core.cbor.CborValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DAG-CBOR rules that differ from RFC 8949 deterministic encoding, one case each. */
class DagCborStrictnessTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "a261610161620200, trailing byte",
    "a2626161016162 02, longer key first",
    "a2616201616101, keys out of order",
    "a2616101616102, duplicate key",
    "a10101, integer key",
    "f93c00, 16-bit float",
    "fa3fc00000, 32-bit float",
    "fb7ff8000000000000, NaN",
    "fb7ff0000000000000, infinity",
    "f7, undefined",
    "f0, unassigned simple value",
    "f820, two-byte simple value",
    "c11a514b67b0, tag other than 42",
    "d82a4101, link without the 0x00 prefix",
    "d82a01, link over an integer",
    "d82a4100, link with no CID",
    "d82a4400015500, link with a truncated CID",
    "9f01ff, indefinite array",
    "1801, non-shortest integer",
    "c249010000000000000000, bignum tag"
  })
  void decode_ruleViolated_throws(String hex, String rule) {
    assertThatThrownBy(() -> DagCbor.decode(Hex.decode(hex.replace(" ", "")))).isInstanceOf(IpldException.class);
  }

  @Test
  void encode_sortsKeysLengthFirstAndWidensFloats() throws Exception {
    CborMap map = CborMap.builder().put("bb", CborValue.of(0.5)).put("a", CborValue.of(1)).put("ccc", CborSimple.NULL)
        .build();
    String hex = Hex.encode(DagCbor.encode(map));
    assertThat(hex).isEqualTo("a3616101626262fb3fe0000000000000636363" + "63f6");
    // RFC 8949 deterministic encoding of the same value differs (bytewise order, short float).
    assertThat(Hex.encode(Cbor.encode(map))).isEqualTo("a3616101626262f93800636363" + "63f6");
  }

  @Test
  void encode_valueOutsideDagCbor_throws() {
    assertThatThrownBy(() -> DagCbor.encode(CborMap.builder().put(1, CborValue.of(1)).build()))
        .isInstanceOf(IpldException.class);
    assertThatThrownBy(() -> DagCbor.encode(CborValue.of(Double.NaN))).isInstanceOf(IpldException.class);
    assertThatThrownBy(() -> DagCbor.encode(CborSimple.UNDEFINED)).isInstanceOf(IpldException.class);
    assertThatThrownBy(() -> DagCbor.encode(new CborTag(1, CborValue.of(1)))).isInstanceOf(IpldException.class);
    assertThatThrownBy(() -> DagCbor.encode(new CborTag(42, CborValue.of(new byte[] {0, 1}))))
        .isInstanceOf(IpldException.class);
  }

  @Test
  void link_roundTripsThroughEncoding() throws Exception {
    Cid cid = Cid.of(Cid.RAW, new byte[] {1, 2, 3});
    CborValue value = CborMap.builder().put("link", DagCbor.link(cid)).build();
    CborValue decoded = DagCbor.decode(DagCbor.encode(value));
    assertThat(DagCbor.linkTarget(decoded.asMap().require("link"))).isEqualTo(cid);
    assertThatThrownBy(() -> DagCbor.linkTarget(CborValue.of(1))).isInstanceOf(IpldException.class);
  }
}
