package dev.castellan.core.ipld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Varints, multihashes, CIDs and their string forms. */
class CidTest {

  @ParameterizedTest
  @CsvSource({"0, 00", "1, 01", "127, 7f", "128, 8001", "300, ac02", "16384, 808001",
      "9223372036854775807, ffffffffffffffff7f"})
  void varint_encodeDecode_roundTrips(long value, String hex) throws Exception {
    assertThat(Hex.encode(Varint.encode(value))).isEqualTo(hex);
    assertThat(Varint.decode(Hex.decode(hex), 0)).isEqualTo(new Varint.Decoded(value, hex.length() / 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "80", "8000", "ff00", "ffffffffffffffffff01", "ffffffffffffffff80"})
  void varint_malformedOrNonMinimal_throws(String hex) {
    assertThatThrownBy(() -> Varint.decode(Hex.decode(hex), 0)).isInstanceOf(IpldException.class);
  }

  @Test
  void varint_readFromStream_matchesDecodeRules() throws Exception {
    assertThat(Varint.read(new java.io.ByteArrayInputStream(new byte[0]))).isEqualTo(-1);
    assertThat(Varint.read(new java.io.ByteArrayInputStream(Hex.decode("ac02ff")))).isEqualTo(300);
    for (String bad : new String[] {"80", "8000", "ffffffffffffffffff01"}) {
      assertThatThrownBy(() -> Varint.read(new java.io.ByteArrayInputStream(Hex.decode(bad))))
          .as(bad).isInstanceOf(IpldException.class);
    }
  }

  @Test
  void cid_ofDagCbor_isBase32V1WithSha256() throws Exception {
    byte[] block = Hex.decode("a0"); // {}
    Cid cid = Cid.of(Cid.DAG_CBOR, block);
    assertThat(cid.toString()).isEqualTo("bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua");
    assertThat(cid.version()).isEqualTo(1);
    assertThat(cid.multihash().algorithm()).contains(HashAlgorithm.SHA_256);
    assertThat(Cid.decode(cid.bytes())).isEqualTo(cid);
    cid.verify(block);
    assertThatThrownBy(() -> cid.verify(Hex.decode("a1"))).isInstanceOf(IpldException.class);
  }

  @Test
  void cid_parseV0_roundTripsAndIsDagPb() throws Exception {
    Cid cid = Cid.parse("QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d");
    assertThat(cid.version()).isZero();
    assertThat(cid.codec()).isEqualTo(Cid.DAG_PB);
    assertThat(cid.toString()).isEqualTo("QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d");
    assertThat(cid.bytes()).hasSize(34);
  }

  @Test
  void cid_parseBase58V1_equalsBase32Form() throws Exception {
    Cid z = Cid.parse("zdj7Wd8AMwqnhJGQCbFxBVodGSBG84TM7Hs1rcJuQMwTyfEDS");
    assertThat(Cid.parse(z.toString())).isEqualTo(z);
    assertThat(z.toString()).startsWith("b");
  }

  @Test
  void cid_otherHashFunctions_roundTrip() throws Exception {
    byte[] data = "castellan".getBytes(StandardCharsets.UTF_8);
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      Cid cid = Cid.of(Cid.RAW, algorithm, data);
      assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
      cid.verify(data);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "x", "Bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua",
    "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swuA",
    "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swu",
    "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swub",
    "bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swuaaa",
    "QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp160",
    "zQmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d",
    "bai"
  })
  void cid_parseMalformed_throws(String text) {
    assertThatThrownBy(() -> Cid.parse(text)).isInstanceOf(IpldException.class);
  }

  @Test
  void multihash_unsupportedFunction_cannotVerify() throws Exception {
    Multihash blake = Multihash.decode(Hex.decode("a0e40220" + "00".repeat(32)));
    assertThat(blake.code()).isEqualTo(0xb220);
    assertThatThrownBy(() -> blake.verify(new byte[0])).isInstanceOf(IpldException.class);
    Multihash identity = Multihash.of(Multihash.IDENTITY, new byte[] {1, 2});
    identity.verify(new byte[] {1, 2});
    assertThatThrownBy(() -> identity.verify(new byte[] {1, 3})).isInstanceOf(IpldException.class);
  }
}
