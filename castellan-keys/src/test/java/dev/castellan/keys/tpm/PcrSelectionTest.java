package dev.castellan.keys.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PcrSelectionTest {
  @Test
  void parse_commaList_sortedWithToolArgumentAndBitmap() {
    PcrSelection pcrs = PcrSelection.parse("7,0,16,23");
    assertThat(pcrs.indices()).containsExactly(0, 7, 16, 23);
    assertThat(pcrs.toolArgument()).isEqualTo("sha256:0,7,16,23");
    // Bit n of byte n/8: PCR 0 and 7 in byte 0, 16 and 23 in byte 2.
    assertThat(pcrs.bitmap()).containsExactly(0x81, 0x00, 0x81);
    assertThat(PcrSelection.fromBitmap(pcrs.bitmap())).isEqualTo(pcrs);
  }

  @Test
  void parse_badLists_refused() {
    for (String bad : List.of("", "24", "-1", "0,,7", "0,7,", "x", "007", "0,0", "1".repeat(80))) {
      assertThatThrownBy(() -> PcrSelection.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void fromBitmap_empty_refused() {
    assertThatThrownBy(() -> PcrSelection.fromBitmap(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PcrSelection.fromBitmap(new byte[4])).isInstanceOf(IllegalArgumentException.class);
  }
}
