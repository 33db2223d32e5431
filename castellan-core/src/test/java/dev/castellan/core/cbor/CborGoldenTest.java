package dev.castellan.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pinned encodings of values built through the API, and the accessors' contracts. */
class CborGoldenTest {

  @Test
  void encode_mixedMapKeys_sortsBytewiseNotLengthFirst() {
    CborMap map = CborMap.builder().put(-1, CborValue.of(1)).put(24, CborValue.of(2)).put("a", CborValue.of(3))
        .put(1, CborValue.of(4)).build();
    // 01 < 1818 < 20 < 6161: bytewise on encodings (RFC 8949 §4.2.1), unlike RFC 7049 length-first.
    assertThat(Hex.encode(Cbor.encode(map))).isEqualTo("a4010418180220016161" + "03");
  }

  @Test
  void encode_coseProtectedHeaderStyleMap_isPinned() {
    CborMap header = CborMap.builder().put(1, CborValue.of(-7)).put(4, CborValue.of(new byte[] {1, 2})).build();
    assertThat(Hex.encode(Cbor.encode(header))).isEqualTo("a201260442" + "0102");
  }

  @Test
  void encode_nestedStructure_isPinned() {
    CborValue value = CborValue.array(
        CborValue.of("x"), CborValue.of(true), CborSimple.NULL, CborValue.of(1.5), CborValue.of(100000.0),
        new CborTag(1, CborValue.of(1363896240)), CborValue.of(Long.MIN_VALUE));
    assertThat(Hex.encode(Cbor.encode(value)))
        .isEqualTo("876178f5f6f93e00fa47c35000c11a514b67b03b7fffffffffffffff");
  }

  @Test
  void encode_extremeIntegers_roundTrip() throws Exception {
    BigInteger min = new BigInteger("-18446744073709551616");
    CborValue value = CborValue.of(min);
    assertThat(Hex.encode(Cbor.encode(value))).isEqualTo("3bffffffffffffffff");
    assertThat(Cbor.decode(Cbor.encode(value)).asBigInteger()).isEqualTo(min);
    assertThat(Cbor.decode(Cbor.encode(value))).isEqualTo(CborInteger.ofNegativeArgument(-1L));
    assertThat(Hex.encode(Cbor.encode(CborInteger.ofUnsigned(-1L)))).isEqualTo("1bffffffffffffffff");
  }

  @Test
  void encode_nonPreferredBignum_isReduced() {
    assertThat(Hex.encode(Cbor.encode(new CborTag(2, CborValue.of(new byte[] {0, 0, 1}))))).isEqualTo("01");
  }

  @Test
  void asLong_outOfRangeOrWrongKind_throws() {
    assertThatThrownBy(() -> CborInteger.ofUnsigned(-1L).asLong()).isInstanceOf(CborException.class);
    assertThatThrownBy(() -> CborValue.of("1").asLong())
        .isInstanceOf(CborException.class)
        .hasMessage("expected integer, found text string");
    assertThatThrownBy(() -> CborValue.of(1).asBytes()).isInstanceOf(CborException.class);
    assertThatThrownBy(() -> CborSimple.NULL.asBoolean()).isInstanceOf(CborException.class);
  }

  @Test
  void bytes_areDefensivelyCopiedAndComparedByContent() throws Exception {
    byte[] raw = {1, 2, 3};
    CborBytes bytes = CborValue.of(raw);
    raw[0] = 9;
    bytes.asBytes()[1] = 9;
    assertThat(bytes.asBytes()).containsExactly(1, 2, 3);
    assertThat(bytes).isEqualTo(CborValue.of(new byte[] {1, 2, 3})).hasSameHashCodeAs(CborValue.of(new byte[] {1, 2, 3}));
  }

  @Test
  void map_keepsOrderButComparesByContent() throws Exception {
    CborMap ab = (CborMap) Cbor.decode(Hex.decode("a2616101616202"), CborLimits.WELL_FORMED);
    CborMap ba = (CborMap) Cbor.decode(Hex.decode("a2616202616101"), CborLimits.WELL_FORMED);
    assertThat(ba.entries().getFirst().getKey()).isEqualTo(CborValue.of("b"));
    assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
    assertThat(ba.get("a")).isEqualTo(CborValue.of(1));
    assertThat(ba.get("c")).isNull();
    assertThatThrownBy(() -> ba.require("c")).isInstanceOf(CborException.class);
    assertThat(Cbor.encode(ba)).isEqualTo(Cbor.encode(ab));
  }

  @Test
  void map_duplicateKey_rejectedAtBuild() {
    assertThatThrownBy(() -> CborMap.builder().put(1, CborValue.of(1)).put(1, CborValue.of(2)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CborMap.of(List.of(Map.entry(CborValue.of(1.0), CborValue.of(1)),
            Map.entry(CborFloat.of(1.0), CborValue.of(2)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void text_unpairedSurrogate_rejected() {
    assertThatThrownBy(() -> CborValue.of("a\ud800")).isInstanceOf(IllegalArgumentException.class);
    assertThat(CborValue.of("\ud83d\ude00").value()).hasSize(2);
  }

  @Test
  void float_negativeZeroAndNaNPayload_areDistinctValues() throws Exception {
    assertThat(CborValue.of(-0.0)).isNotEqualTo(CborValue.of(0.0));
    assertThat(Hex.encode(Cbor.encode(CborValue.of(-0.0)))).isEqualTo("f98000");
    CborValue payload = Cbor.decode(Hex.decode("f97e01"));
    assertThat(payload).isNotEqualTo(CborValue.of(Double.NaN));
    assertThat(Hex.encode(Cbor.encode(payload))).isEqualTo("f97e01");
    assertThat(Hex.encode(Cbor.encode(CborFloat.ofBits(0x7ff0000000000001L)))).isEqualTo("fb7ff0000000000001");
  }
}
