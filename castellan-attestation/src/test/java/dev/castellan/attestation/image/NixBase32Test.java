package dev.castellan.attestation.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.testkit.Nix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NixBase32Test {
  /** Worked by hand: bits read from the end, 5 at a time, the last character holds bits 0-4. */
  @Test
  void encode_smallValues_byHand() {
    assertEquals("", NixBase32.encode(new byte[0]));
    assertEquals("01", NixBase32.encode(new byte[] {1}));
    assertEquals("7z", NixBase32.encode(new byte[] {(byte) 0xff}));
    assertEquals("0010", NixBase32.encode(new byte[] {0x20, 0}));
  }

  /** SHA-256 of nothing, as {@code nix-hash --type sha256 --flat --base32} prints it for an empty file. */
  @Test
  void encode_sha256OfEmpty_matchesNix() {
    assertEquals("0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73",
        NixBase32.encode(HashAlgorithm.SHA_256.hash()));
    // nix hash to-base32 --type sha256 0102...1f20
    assertEquals("080z3qfiq6qs34c1f5hm2h9i448h1w70s30b184hh1q60l2060h1", NixBase32.encode(Hex.decode(
        "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")));
  }

  @Test
  void encode_randomDigests_matchNixToBase32() throws Exception {
    Random random = new Random(12);
    for (int i = 0; i < 5; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      assertEquals(Nix.toBase32(Hex.encode(digest)), NixBase32.encode(digest));
    }
  }

  @Test
  void decode_inverseOfEncode() {
    Random random = new Random(7);
    for (int length : new int[] {1, 2, 5, 20, 32, 64}) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      assertArrayEquals(bytes, NixBase32.decode(NixBase32.encode(bytes), length));
    }
  }

  @Test
  void decode_malformed_throws() {
    String valid = "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73";
    assertThrows(IllegalArgumentException.class, () -> NixBase32.decode(valid.substring(1), 32));
    assertThrows(IllegalArgumentException.class, () -> NixBase32.decode("e" + valid.substring(1), 32));
    assertThrows(IllegalArgumentException.class, () -> NixBase32.decode("\u00e9" + valid.substring(1), 32));
    // 52 characters hold 260 bits: the first may only carry bit 255.
    assertThrows(IllegalArgumentException.class, () -> NixBase32.decode("2" + valid.substring(1), 32));
    NixBase32.decode("1" + valid.substring(1), 32);
  }
}
