package dev.castellan.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pin is exactly a SHA-256; the handshake behaviour is tested end to end by the oracle's and the broker's clients. */
class PinnedServerKeyTest {
  @Test
  void aPinThatIsNotA32ByteHash_isRefused_andAValidOneGivesAContext() throws Exception {
    for (int length : new int[] {0, 31, 33, 48}) {
      assertThatThrownBy(() -> PinnedServerKey.context(new byte[length])).as("%d bytes", length)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte SHA-256");
    }
    assertThat(PinnedServerKey.context(new byte[32]).getProtocol()).isEqualTo("TLS");
  }
}
