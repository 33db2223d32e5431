package dev.castellan.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

class HashAlgorithmTest {
  @Test
  void sha3_512_everyNistShortMessageVector_matches() {
    Failures failures = new Failures();
    String[] blocks = Vectors.text("sha3/SHA3_512ShortMsg.rsp").trim().split("\n\\s*\n");
    for (String block : blocks) {
      String len = field(block, "Len");
      String msg = field(block, "Msg");
      String md = field(block, "MD");
      failures.check("Len=" + len, () -> assertThat(Hex.encode(HashAlgorithm.SHA3_512.hash(
          message(Integer.parseInt(len), msg)))).isEqualTo(md.toLowerCase(java.util.Locale.ROOT)));
    }
    failures.assertNone(72);
  }

  @Test
  void sha3_512_everyJsonSubsetVector_matches() {
    Failures failures = new Failures();
    for (JsonNode vector : Vectors.json("sha3/sha3-512-shortmsg-subset.json").get("vectors")) {
      int lenBits = vector.get("len_bits").asInt();
      String msg = vector.get("msg").asString();
      String md = vector.get("md").asString();
      failures.check("len_bits=" + lenBits, () -> assertThat(Hex.encode(HashAlgorithm.SHA3_512.hash(
          message(lenBits, msg)))).isEqualTo(md));
    }
    failures.assertNone(11);
  }

  @Test
  void sha256_abc_matchesFips180Example() {
    // FIPS 180-4 / NIST CSRC example "abc".
    assertThat(Hex.encode(HashAlgorithm.SHA_256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @ParameterizedTest
  @EnumSource(HashAlgorithm.class)
  void hash_partsAreConcatenated_andLengthMatches(HashAlgorithm algorithm) {
    byte[] whole = algorithm.hash("castellan".getBytes(StandardCharsets.US_ASCII));
    assertThat(whole).hasSize(algorithm.length());
    assertThat(algorithm.hash("cast".getBytes(StandardCharsets.US_ASCII),
        "ellan".getBytes(StandardCharsets.US_ASCII))).isEqualTo(whole);
    assertThat(algorithm.newDigest().digest("castellan".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(whole);
  }

  /** NIST convention: the message is the first Len/8 bytes of Msg (Len = 0 has Msg = 00: empty). */
  private static byte[] message(int lenBits, String msgHex) {
    return Arrays.copyOf(Hex.decode(msgHex), lenBits / 8);
  }

  private static String field(String block, String name) {
    for (String line : block.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith(name + " =")) {
        return trimmed.substring(name.length() + 2).strip();
      }
    }
    throw new IllegalArgumentException("block without " + name);
  }
}
