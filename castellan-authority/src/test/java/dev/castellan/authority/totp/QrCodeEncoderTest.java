package dev.castellan.authority.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The encoder against facts of ISO/IEC 18004: BCH tables, the Reed–Solomon example, the fixed patterns. */
class QrCodeEncoderTest {
  static final String URI = KeyUri.of("Castellan", "alice", TotpValidatorTest.SECRET, TotpParameters.defaults());

  @Test
  void formatBits_maskZero_matchTheStandardsTable() {
    assertThat(QrMatrix.formatBits(0b01, 0)).isEqualTo(0b111011111000100); // L
    assertThat(QrMatrix.formatBits(0b00, 0)).isEqualTo(0b101010000010010); // M
    assertThat(QrMatrix.formatBits(0b11, 0)).isEqualTo(0b011010101011111); // Q
    assertThat(QrMatrix.formatBits(0b10, 0)).isEqualTo(0b001011010001001); // H
  }

  @Test
  void versionBits_matchTheStandardsTable() {
    assertThat(QrMatrix.versionBits(7)).isEqualTo(0x07C94);
    assertThat(QrMatrix.versionBits(8)).isEqualTo(0x085BC);
    assertThat(QrMatrix.versionBits(9)).isEqualTo(0x09A99);
    assertThat(QrMatrix.versionBits(10)).isEqualTo(0x0A4D3);
  }

  @Test
  void reedSolomon_version1MExample() {
    byte[] data = HexFormat.of().parseHex("10200c56618 0ec11ec11ec11ec11ec11".replace(" ", ""));
    assertThat(HexFormat.of().formatHex(ReedSolomon.remainder(data, 10))).isEqualTo("a524d4c1ed36c7872c55");
  }

  @Test
  void dataCodewords_byteModeHeaderTerminatorAndPadding() {
    byte[] codewords = QrCodeEncoder.dataCodewords(1, new byte[] {'A'}, 8);
    assertThat(HexFormat.of().formatHex(codewords)).isEqualTo("401410" + "ec11".repeat(6) + "ec");
  }

  @Test
  void encode_keyUri_version7WithTheFixedPatterns() {
    boolean[][] m = new QrCodeEncoder().encode(URI).orElseThrow();
    assertThat(URI).hasSize(121);
    assertThat(m.length).isEqualTo(17 + 4 * 7);
    int size = m.length;
    for (int[] corner : new int[][] {{0, 0}, {size - 7, 0}, {0, size - 7}}) {
      for (int i = 0; i < 7; i++) {
        assertThat(m[corner[1]][corner[0] + i]).as("finder top edge").isTrue();
        assertThat(m[corner[1] + 6][corner[0] + i]).as("finder bottom edge").isTrue();
      }
      assertThat(m[corner[1] + 1][corner[0] + 1]).as("finder light ring").isFalse();
      assertThat(m[corner[1] + 3][corner[0] + 3]).as("finder centre").isTrue();
    }
    for (int i = 8; i < size - 8; i++) {
      assertThat(m[6][i]).as("timing row %d", i).isEqualTo(i % 2 == 0);
      assertThat(m[i][6]).as("timing column %d", i).isEqualTo(i % 2 == 0);
    }
    assertThat(m[size - 8][8]).as("dark module").isTrue();
    int version = 0;
    int versionCopy = 0;
    for (int i = 0; i < 18; i++) {
      version |= (m[i / 3][size - 11 + i % 3] ? 1 : 0) << i;
      versionCopy |= (m[size - 11 + i % 3][i / 3] ? 1 : 0) << i;
    }
    assertThat(version).isEqualTo(QrMatrix.versionBits(7)).isEqualTo(versionCopy);
    int format = 0;
    int formatCopy = 0;
    int[][] first = {{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}, {8, 8}, {7, 8}, {5, 8}, {4, 8}, {3, 8}, {2, 8}, {1, 8}, {0, 8}};
    for (int i = 0; i < 15; i++) {
      format |= (m[first[i][1]][first[i][0]] ? 1 : 0) << i;
      boolean second = i < 8 ? m[8][size - 1 - i] : m[size - 15 + i][8];
      formatCopy |= (second ? 1 : 0) << i;
    }
    assertThat(format).isEqualTo(formatCopy);
    int mask = format;
    assertThat(java.util.stream.IntStream.range(0, 8).filter(k -> QrMatrix.formatBits(QrMatrix.LEVEL_M, k) == mask).count())
        .as("format info names level M and one mask").isEqualTo(1);
  }

  @Test
  void encode_capacityOfVersion10_thenNothing() {
    assertThat(new QrCodeEncoder().encode("x".repeat(213)).orElseThrow().length).isEqualTo(57);
    assertThat(new QrCodeEncoder().encode("x".repeat(214))).isEmpty();
    assertThat(new QrCodeEncoder().encode("x".repeat(14)).orElseThrow().length).isEqualTo(21);
    assertThat(new QrCodeEncoder().encode("x".repeat(15)).orElseThrow().length).isEqualTo(25);
  }

  @Test
  void terminal_keyUriSymbolFits80Columns() {
    boolean[][] m = new QrCodeEncoder().encode(URI).orElseThrow();
    String drawn = TerminalQr.render(m, 80, false).orElseThrow();
    assertThat(drawn.lines()).hasSize((m.length + 8 + 1) / 2).allSatisfy(line -> assertThat(line).hasSize(m.length + 8));
  }
}
