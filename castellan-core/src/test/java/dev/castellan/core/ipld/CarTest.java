package dev.castellan.core.ipld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** CARv1 reading against ipld/car fixtures, malformed files, and write-read round trips. */
class CarTest {

  @Test
  void read_basicFixture_matchesDescription() throws Exception {
    JsonNode expected = Vectors.json("ipld/car/carv1-basic.json");
    List<CarBlock> blocks = new ArrayList<>();
    CarHeader header;
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(Vectors.bytes("ipld/car/carv1-basic.car")))) {
      header = reader.header();
      for (CarBlock block = reader.next(); block != null; block = reader.next()) {
        blocks.add(block);
      }
    }
    List<String> roots = new ArrayList<>();
    expected.get("header").get("roots").forEach(root -> roots.add(root.get("/").asString()));
    assertThat(header.roots()).extracting(Cid::toString).containsExactlyElementsOf(roots);
    JsonNode described = expected.get("blocks");
    assertThat(blocks).hasSize(described.size()).hasSize(8);
    Failures failures = new Failures();
    for (int i = 0; i < blocks.size(); i++) {
      CarBlock block = blocks.get(i);
      JsonNode want = described.get(i);
      failures.check("block " + i, () -> {
        assertThat(block.cid().toString()).isEqualTo(want.get("cid").get("/").asString());
        assertThat(block.sectionOffset()).isEqualTo(want.get("offset").asLong());
        assertThat(block.sectionLength()).isEqualTo(want.get("length").asLong());
        assertThat(block.blockOffset()).isEqualTo(want.get("blockOffset").asLong());
        assertThat(block.blockLength()).isEqualTo(want.get("blockLength").asInt());
        if (block.cid().codec() == Cid.DAG_CBOR) {
          assertThat(DagCbor.encode(DagCbor.decode(block.data()))).isEqualTo(block.data());
        }
      });
    }
    failures.assertNone(8);
  }

  @Test
  void read_carv2Fixture_readsPayloadWithFileOffsets() throws Exception {
    JsonNode expected = Vectors.json("ipld/car/carv2-basic.json");
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(Vectors.bytes("ipld/car/carv2-basic.car")))) {
      assertThat(reader.version()).isEqualTo(2);
      assertThat(reader.header().roots()).extracting(Cid::toString)
          .containsExactly(expected.get("header").get("roots").get(0).get("/").asString());
      Failures failures = new Failures();
      for (JsonNode want : expected.get("blocks")) {
        CarBlock block = reader.next();
        failures.check(want.get("cid").get("/").asString(), () -> {
          assertThat(block.cid().toString()).isEqualTo(want.get("cid").get("/").asString());
          assertThat(block.sectionOffset()).isEqualTo(want.get("offset").asLong());
          assertThat(block.sectionLength()).isEqualTo(want.get("length").asLong());
          assertThat(block.blockOffset()).isEqualTo(want.get("blockOffset").asLong());
          assertThat(block.blockLength()).isEqualTo(want.get("blockLength").asInt());
        });
      }
      assertThat(reader.next()).isNull(); // the index after the payload is not read as sections
      failures.assertNone(5);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ipld/car/go-car-badheaderlength.car", "ipld/car/go-car-badsectionlength.car"})
  void read_goCarBadFiles_throw(String file) {
    byte[] car = Vectors.bytes(file);
    assertThatThrownBy(() -> readAll(car)).isInstanceOf(IpldException.class);
  }

  @Test
  void read_tamperedBlock_throws() throws Exception {
    byte[] car = Vectors.bytes("ipld/car/carv1-basic.car");
    car[car.length - 1] ^= 1; // last block's data
    assertThatThrownBy(() -> readAll(car)).isInstanceOf(IpldException.class).hasMessageContaining("multihash");
  }

  @Test
  void read_truncatedFile_throwsAtEveryCut() throws Exception {
    byte[] car = Vectors.bytes("ipld/car/carv1-basic.car");
    List<Integer> boundaries = List.of(100, 192, 325, 366, 496, 537, 619, 660, car.length);
    for (int cut = 0; cut < car.length; cut++) {
      byte[] prefix = java.util.Arrays.copyOf(car, cut);
      if (!boundaries.contains(cut)) {
        assertThatThrownBy(() -> readAll(prefix)).as("cut at %d", cut).isInstanceOf(IpldException.class);
      }
    }
  }

  @Test
  void writeThenRead_roundTrips() throws Exception {
    CborValue leaf = CborMap.builder().put("name", "leaf").put("size", 3).build();
    Cid raw = Cid.of(Cid.RAW, new byte[] {7, 8, 9});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Cid leafCid = DagCbor.cid(leaf);
    CborValue root = CborMap.builder().put("leaf", DagCbor.link(leafCid)).put("raw", DagCbor.link(raw)).build();
    Cid rootCid = DagCbor.cid(root);
    try (CarWriter writer = CarWriter.create(out, List.of(rootCid))) {
      assertThat(writer.writeDagCbor(root)).isEqualTo(rootCid);
      writer.writeDagCbor(leaf);
      writer.write(raw, new byte[] {7, 8, 9});
      assertThatThrownBy(() -> writer.write(raw, new byte[] {7, 8})).isInstanceOf(IpldException.class);
    }
    List<CarBlock> blocks = readAll(out.toByteArray());
    assertThat(blocks).extracting(CarBlock::cid).containsExactly(rootCid, leafCid, raw);
    assertThat(DagCbor.decode(blocks.get(1).data())).isEqualTo(leaf);
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(reader.header().roots()).containsExactly(rootCid);
    }
  }

  @Test
  void read_sectionBeyondLimit_throws() throws Exception {
    byte[] car = Vectors.bytes("ipld/car/carv1-basic.car");
    assertThatThrownBy(() -> CarReader.open(new ByteArrayInputStream(car), new CarLimits(1 << 20, 64)).next())
        .isInstanceOf(IpldException.class);
    assertThatThrownBy(() -> CarReader.open(new ByteArrayInputStream(car), new CarLimits(64, 1 << 20)))
        .isInstanceOf(IpldException.class);
  }

  private static List<CarBlock> readAll(byte[] car) throws Exception {
    List<CarBlock> blocks = new ArrayList<>();
    try (CarReader reader = CarReader.open(new ByteArrayInputStream(car))) {
      for (CarBlock block = reader.next(); block != null; block = reader.next()) {
        blocks.add(block);
      }
    }
    return blocks;
  }
}
