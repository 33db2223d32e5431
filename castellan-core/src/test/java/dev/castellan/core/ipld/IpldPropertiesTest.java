package dev.castellan.core.ipld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** DAG-CBOR round trips, and parsers that only ever throw IpldException. */
class IpldPropertiesTest {

  @Property(tries = 1000)
  void dagCbor_encodeDecodeEncode_isIdentity(@ForAll("dagValues") CborValue value) throws Exception {
    byte[] block = DagCbor.encode(value);
    CborValue decoded = DagCbor.decode(block);
    assertThat(decoded).isEqualTo(value);
    assertThat(DagCbor.encode(decoded)).isEqualTo(block);
  }

  @Property(tries = 3000)
  void parsers_randomBytes_throwOnlyIpldException(@ForAll @Size(max = 80) byte[] input) throws Exception {
    try {
      DagCbor.decode(input);
    } catch (IpldException expected) {
      // fine
    }
    try {
      Cid.decode(input);
    } catch (IpldException expected) {
      // fine
    }
    try {
      Cid.parse(new String(input, java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (IpldException expected) {
      // fine
    }
    readAllIgnoringIpldErrors(input);
  }

  @Property(tries = 1000)
  void carReader_mutatedFile_throwsOnlyIpldException(
      @ForAll("dagValues") CborValue value, @ForAll int position, @ForAll byte replacement) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Cid cid = DagCbor.cid(value);
    try (CarWriter writer = CarWriter.create(out, List.of(cid))) {
      writer.writeDagCbor(value);
    }
    byte[] car = out.toByteArray();
    car[Math.floorMod(position, car.length)] = replacement;
    readAllIgnoringIpldErrors(car);
  }

  private static void readAllIgnoringIpldErrors(byte[] car) throws java.io.IOException {
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(car))) {
      while (reader.next() != null) {
        // drain
      }
    } catch (IpldException expected) {
      // fine
    }
  }

  @Provide
  Arbitrary<CborValue> dagValues() {
    Arbitrary<CborValue> scalars = Arbitraries.oneOf(
        Arbitraries.longs().map(CborValue::of),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(CborValue::of),
        Arbitraries.strings().ofMaxLength(8).filter(IpldPropertiesTest::wellFormed).map(CborValue::of),
        Arbitraries.doubles().filter(Double::isFinite).map(CborValue::of),
        Arbitraries.of(CborSimple.FALSE, CborSimple.TRUE, CborSimple.NULL),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(b -> DagCbor.link(Cid.of(Cid.RAW, b))));
    return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
        inner,
        inner.list().ofMaxSize(4).map(CborArray::new),
        Arbitraries.maps(Arbitraries.strings().ofMaxLength(6).filter(IpldPropertiesTest::wellFormed), inner)
            .ofMaxSize(4).map(IpldPropertiesTest::textMap)), 0, 3);
  }

  private static CborValue textMap(Map<String, CborValue> map) {
    List<Map.Entry<CborValue, CborValue>> entries = new ArrayList<>();
    map.forEach((k, v) -> entries.add(Map.entry(CborValue.of(k), v)));
    return CborMap.of(entries);
  }

  private static boolean wellFormed(String s) {
    try {
      CborValue.of(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
