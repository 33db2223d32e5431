package dev.castellan.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties of the codec over generated values and arbitrary bytes. */
class CborPropertiesTest {

  @Property(tries = 2000)
  void encodeDecodeEncode_isIdentity(@ForAll("values") CborValue value) throws CborException {
    byte[] encoded = Cbor.encode(value);
    CborValue decoded = Cbor.decode(encoded, CborLimits.DETERMINISTIC);
    assertThat(Cbor.encode(decoded)).isEqualTo(encoded);
    assertThat(Cbor.decode(encoded, CborLimits.WELL_FORMED)).isEqualTo(decoded);
  }

  @Property(tries = 3000)
  void deterministicOrder_agreesWithBytewiseOrderOfEncodings(
      @ForAll("values") CborValue a, @ForAll("values") CborValue b) {
    int expected = Integer.signum(java.util.Arrays.compareUnsigned(Cbor.encode(a), Cbor.encode(b)));
    assertThat(Integer.signum(dev.castellan.core.internal.cbor.DeterministicOrder.INSTANCE.compare(a, b)))
        .isEqualTo(expected);
  }

  @Property(tries = 5000)
  void decode_randomBytes_throwsOnlyCborException(@ForAll @Size(max = 64) byte[] input) {
    for (CborLimits limits : List.of(CborLimits.DETERMINISTIC, CborLimits.WELL_FORMED)) {
      try {
        CborValue value = Cbor.decode(input, limits);
        Cbor.encode(value);
        value.toString();
      } catch (CborException expected) {
        // rejection is fine; any other throwable fails the property
      }
    }
  }

  @Property(tries = 3000)
  void decode_mutatedEncoding_throwsOnlyCborException(
      @ForAll("values") CborValue value, @ForAll int position, @ForAll byte replacement) {
    byte[] encoded = Cbor.encode(value);
    encoded[Math.floorMod(position, encoded.length)] = replacement;
    for (CborLimits limits : List.of(CborLimits.DETERMINISTIC, CborLimits.WELL_FORMED)) {
      try {
        CborValue decoded = Cbor.decode(encoded, limits);
        if (limits.mode() == CborMode.DETERMINISTIC) {
          assertThat(Cbor.encode(decoded)).isEqualTo(encoded); // strict input is canonical
        }
      } catch (CborException expected) {
        // fine
      }
    }
  }

  @Provide
  Arbitrary<CborValue> values() {
    return Arbitraries.recursive(CborPropertiesTest::scalars, CborPropertiesTest::containers, 0, 3);
  }

  static Arbitrary<CborValue> containers(Arbitrary<CborValue> inner) {
    return Arbitraries.oneOf(
        inner,
        inner.list().ofMaxSize(4).map(CborArray::new),
        Arbitraries.entries(inner, inner).list().ofMaxSize(4).map(CborPropertiesTest::mapOf),
        Arbitraries.longs().between(0, 1000).flatMap(tag -> inner.map(v -> new CborTag(tag, v))));
  }

  static Arbitrary<CborValue> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(CborValue::of),
        Arbitraries.longs().map(CborInteger::ofUnsigned),
        Arbitraries.longs().map(CborInteger::ofNegativeArgument),
        Arbitraries.bigIntegers().between(java.math.BigInteger.TWO.pow(70).negate(), java.math.BigInteger.TWO.pow(70))
            .map(CborValue::of),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(CborValue::of),
        Arbitraries.strings().ofMaxLength(10).filter(CborPropertiesTest::wellFormed).map(CborValue::of),
        Arbitraries.doubles().map(CborValue::of),
        Arbitraries.longs().map(CborFloat::ofBits),
        Arbitraries.floats().map(f -> CborValue.of((double) f)),
        Arbitraries.of(CborSimple.FALSE, CborSimple.TRUE, CborSimple.NULL, CborSimple.UNDEFINED, new CborSimple(0),
            new CborSimple(255)));
  }

  static boolean wellFormed(String s) {
    try {
      new CborText(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static CborValue mapOf(List<Map.Entry<CborValue, CborValue>> entries) {
    List<Map.Entry<CborValue, CborValue>> unique = new ArrayList<>();
    for (Map.Entry<CborValue, CborValue> e : entries) {
      if (unique.stream().noneMatch(u -> java.util.Arrays.equals(Cbor.encode(u.getKey()), Cbor.encode(e.getKey())))) {
        unique.add(e);
      }
    }
    return CborMap.of(unique);
  }
}
