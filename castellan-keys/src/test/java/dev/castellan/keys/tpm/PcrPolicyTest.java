package dev.castellan.keys.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import org.junit.jupiter.api.Test;

class PcrPolicyTest {
  /**
   * The digest {@code tpm2_createpolicy --policy-pcr -l sha256:16,23 -f pcrs.bin} (tpm2-tools
   * 5.4) printed for two all-zero PCRs. TpmSealerTest shows the TPM's own PolicyPCR agrees: every
   * object sealed with this digest unseals in a real policy session.
   */
  @Test
  void digest_zeroPcrs16And23_matchesTpm2CreatePolicy() {
    assertThat(Hex.encode(PcrPolicy.digest(PcrSelection.of(16, 23), new byte[64])))
        .isEqualTo("599a9cca81c171e404e4afc462e7415ee799c498b00ff6edb68d07de1dc47a20");
  }

  @Test
  void digest_wrongNumberOfValues_refused() {
    assertThatThrownBy(() -> PcrPolicy.digest(PcrSelection.of(16, 23), new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
