package dev.castellan.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CDE example table (draft-ietf-cbor-cde, {@code cbor/cde/example-table-input.csv}). */
class CborCdeTableTest {
  /** Bad rows that are well-formed but not deterministic; the rest are not even well-formed. */
  private static final Set<String> WELL_FORMED_BAD =
      Set.of("a2616200616101", "98020405", "1900ff", "c34a00010000000000000000", "fa41280000", "fa7fc00000",
          "c243010000", "5f4101420203ff");

  record Row(String kind, String value, String hex) {}

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String line : Vectors.text("cbor/cde/example-table-input.csv").split("\n")) {
      if (!line.isBlank()) {
        List<String> cells = csv(line);
        rows.add(new Row(cells.get(0), cells.get(1), cells.get(2)));
      }
    }
    return rows;
  }

  @Test
  void encode_intRows_produceTableHexAndStrictDecodeRoundTrips() {
    Failures failures = new Failures();
    for (Row row : rows()) {
      if (row.kind().equals("int")) {
        failures.check(row.value(), () -> {
          CborValue value = CborValue.of(new BigInteger(row.value()));
          assertThat(Hex.encode(Cbor.encode(value))).isEqualTo(row.hex());
          CborValue decoded = Cbor.decode(Hex.decode(row.hex()), CborLimits.DETERMINISTIC);
          assertThat(decoded.asBigInteger()).isEqualTo(new BigInteger(row.value()));
          assertThat(decoded).isEqualTo(value);
        });
      }
    }
    failures.assertNone(22);
  }

  @Test
  void encode_floatRows_produceTableHexAndStrictDecodeRoundTrips() {
    Failures failures = new Failures();
    for (Row row : rows()) {
      if (row.kind().equals("flt")) {
        failures.check(row.value() + " " + row.hex(), () -> {
          CborValue decoded = Cbor.decode(Hex.decode(row.hex()), CborLimits.DETERMINISTIC);
          double expected = Double.parseDouble(row.value());
          if (Double.isNaN(expected)) {
            assertThat(decoded.asDouble()).isNaN();
          } else {
            assertThat(Double.doubleToRawLongBits(decoded.asDouble())).isEqualTo(Double.doubleToRawLongBits(expected));
            assertThat(Hex.encode(Cbor.encode(CborValue.of(expected)))).isEqualTo(row.hex());
          }
          assertThat(Hex.encode(Cbor.encode(decoded))).isEqualTo(row.hex());
        });
      }
    }
    failures.assertNone(44);
  }

  @Test
  void decode_badRows_throwInDeterministicMode() {
    Failures failures = new Failures();
    for (Row row : rows()) {
      if (row.kind().equals("bad")) {
        failures.check(row.hex(), () -> {
          assertThatThrownBy(() -> Cbor.decode(Hex.decode(row.hex()), CborLimits.DETERMINISTIC))
              .isInstanceOf(CborException.class);
          if (WELL_FORMED_BAD.contains(row.hex())) {
            Cbor.decode(Hex.decode(row.hex()), CborLimits.WELL_FORMED);
          } else {
            assertThatThrownBy(() -> Cbor.decode(Hex.decode(row.hex()), CborLimits.WELL_FORMED))
                .isInstanceOf(CborException.class);
          }
        });
      }
    }
    failures.assertNone(10);
  }

  /** One CSV line: commas separate cells; a quoted cell may hold commas and doubled quotes. */
  private static List<String> csv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
