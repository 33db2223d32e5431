package dev.castellan.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One case per rule: what each mode must reject, and what only the deterministic mode rejects. */
class CborStrictnessTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "1817, integer 23 in one extra byte",
    "190017, integer in two bytes",
    "1a00000017, integer in four bytes",
    "1b0000000000000017, integer in eight bytes",
    "1b00000000ffffffff, eight bytes where four suffice",
    "3817, negative integer in one extra byte",
    "5801ff, byte string length in one extra byte",
    "780161, text string length in one extra byte",
    "980101, array length in one extra byte",
    "b8010101, map length in one extra byte",
    "d81701, tag number in one extra byte",
    "fa3f800000, float 1.0 in 32 bits",
    "fb3ff0000000000000, float 1.0 in 64 bits",
    "fb7ff8000000000000, NaN in 64 bits",
    "fa7f800000, Infinity in 32 bits",
    "5fff, indefinite byte string",
    "7fff, indefinite text string",
    "9fff, indefinite array",
    "bfff, indefinite map",
    "a202000100, map keys out of order",
    "a2613102613001, text map keys out of order",
    "a22000181800, length-first order instead of bytewise",
    "c24100, bignum with leading zero",
    "c248ffffffffffffffff, bignum that fits 64 bits",
    "c341ff, negative bignum that fits 64 bits"
  })
  void decode_deterministicRuleViolated_throwsOnlyInDeterministicMode(String hex, String rule) throws Exception {
    byte[] input = Hex.decode(hex);
    assertThatThrownBy(() -> Cbor.decode(input, CborLimits.DETERMINISTIC)).isInstanceOf(CborException.class);
    assertThat(Cbor.decode(input, CborLimits.WELL_FORMED)).isNotNull();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "'', empty input",
    "0000, trailing byte",
    "18, truncated argument",
    "1b00000000, truncated eight-byte argument",
    "4201, byte string shorter than its length",
    "5b7fffffffffffffff, huge byte string length",
    "9b7fffffffffffffff, huge array length",
    "bb7fffffffffffffff, huge map length",
    "9bffffffffffffffff, array length beyond 2^63",
    "a1, map missing its key",
    "a101, map missing its value",
    "a2010101 02, duplicate key",
    "a3010102020103, duplicate key not adjacent",
    "61ff, invalid UTF-8 byte",
    "62c0af, overlong UTF-8",
    "63eda080, UTF-8 encoded surrogate",
    "64f4908080, code point above U+10FFFF",
    "62c341, truncated UTF-8 sequence inside the string",
    "f800, two-byte simple value 0",
    "f81f, two-byte simple value 31",
    "1c, reserved additional information 28",
    "5d, reserved additional information 29 on a byte string",
    "fe, reserved additional information 30 on major type 7",
    "ff, break outside an indefinite item",
    "1f, indefinite unsigned integer",
    "3f, indefinite negative integer",
    "df00, indefinite tag",
    "5f01ff, non-string chunk in an indefinite byte string",
    "5f6161ff, text chunk in an indefinite byte string",
    "5f5f4100ffff, nested indefinite chunk",
    "7f61ffff, invalid UTF-8 chunk",
    "9f01, indefinite array without break",
    "bf01ff, indefinite map with a key but no value",
    "bf0101 0102ff, indefinite map with duplicate keys",
    "a2f93c00 00 fa3f800000 01, float keys equal in value",
    "a201001801 01, integer keys equal in value"
  })
  void decode_malformed_throwsInEveryMode(String hex, String what) {
    byte[] input = Hex.decode(hex.replace(" ", ""));
    assertThatThrownBy(() -> Cbor.decode(input, CborLimits.WELL_FORMED)).isInstanceOf(CborException.class);
    assertThatThrownBy(() -> Cbor.decode(input, CborLimits.DETERMINISTIC)).isInstanceOf(CborException.class);
  }

  @org.junit.jupiter.api.Test
  void decode_deeperThanLimit_throws() throws Exception {
    byte[] deep = new byte[65];
    java.util.Arrays.fill(deep, (byte) 0x81);
    deep[64] = 0;
    assertThat(Cbor.decode(java.util.Arrays.copyOfRange(deep, 1, 65))).isNotNull();
    assertThatThrownBy(() -> Cbor.decode(deep)).isInstanceOf(CborException.class).hasMessageContaining("nesting");
    assertThat(Cbor.decode(deep, CborLimits.DETERMINISTIC.withMaxDepth(65))).isNotNull();
  }

  @org.junit.jupiter.api.Test
  void decode_mapsNestedAsKeysAroundLargeString_costNoCopies() throws Exception {
    // {{{… h'00…' …: 0}: 0}: 0}: each level's key holds the whole rest; sorting must not copy it.
    int depth = 60;
    int size = 1 << 20;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < depth; i++) {
      out.write(0xa1);
    }
    out.writeBytes(Hex.decode("5a00100000"));
    out.writeBytes(new byte[size]);
    out.write(0); // innermost map value
    for (int i = 1; i < depth; i++) {
      out.write(0);
    }
    byte[] input = out.toByteArray();
    CborValue value = Cbor.decode(input);
    assertThat(Cbor.encode(value)).isEqualTo(input);
  }

  @org.junit.jupiter.api.Test
  void decode_atDepthCeiling_fitsHalfOfDefaultThreadStack() throws Exception {
    int depth = CborLimits.MAX_DEPTH_CEILING;
    byte[] input = new byte[depth * 2];
    for (int i = 0; i < depth - 1; i++) { // alternate map-with-key, tag and array levels
      input[i] = (byte) (i % 3 == 0 ? 0xa1 : i % 3 == 1 ? 0xc1 : 0x81);
    }
    int end = depth - 1;
    input[end++] = 0; // innermost item
    for (int i = depth - 2; i >= 0; i--) {
      if (i % 3 == 0) {
        input[end++] = 0; // the value after each map's key
      }
    }
    byte[] exact = java.util.Arrays.copyOf(input, end);
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        CborValue value = Cbor.decode(exact, CborLimits.WELL_FORMED.withMaxDepth(depth));
        assertThat(Cbor.encode(value)).isEqualTo(exact);
        assertThat(value).isEqualTo(Cbor.decode(exact, CborLimits.DETERMINISTIC.withMaxDepth(depth)));
        assertThat(value.hashCode()).isEqualTo(Cbor.decode(exact, CborLimits.WELL_FORMED.withMaxDepth(depth)).hashCode());
        assertThat(value.toString()).isNotEmpty();
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "deep", 512 * 1024);
    thread.start();
    thread.join();
    assertThat(failure.get()).isNull();
  }

  @org.junit.jupiter.api.Test
  void decode_moreItemsThanLimit_throws() {
    byte[] array = Hex.decode("8401020304");
    assertThatThrownBy(() -> Cbor.decode(array, CborLimits.DETERMINISTIC.withMaxItems(4)))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("items");
  }

  @org.junit.jupiter.api.Test
  void decode_inputLargerThanLimit_throws() {
    assertThatThrownBy(() -> Cbor.decode(new byte[11], CborLimits.DETERMINISTIC.withMaxInputBytes(10)))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("exceeds");
  }

  @org.junit.jupiter.api.Test
  void decode_error_reportsOffset() {
    assertThatThrownBy(() -> Cbor.decode(Hex.decode("820118")))
        .isInstanceOfSatisfying(CborException.class, e -> assertThat(e.offset()).isEqualTo(3));
  }
}
