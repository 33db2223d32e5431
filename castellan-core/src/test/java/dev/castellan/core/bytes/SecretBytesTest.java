package dev.castellan.core.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretBytesTest {
  @Test
  void toString_neverShowsTheSecret() {
    SecretBytes secret = SecretBytes.copyOf(new byte[] {0x41, 0x42, 0x43});
    assertThat(secret.toString()).contains("3 bytes").contains("redacted").doesNotContain("ABC").doesNotContain("414243");
  }

  @Test
  void copyOf_isIndependentOfTheCallersArray() {
    byte[] input = {1, 2, 3};
    SecretBytes secret = SecretBytes.copyOf(input);
    input[0] = 9;
    assertThat(secret.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void duplicate_survivesDestroyingEitherHolder() {
    SecretBytes original = SecretBytes.copyOf(new byte[] {7, 7});
    SecretBytes handedOut = original.duplicate();
    handedOut.destroy();
    assertThat(original.toByteArray()).containsExactly(7, 7);
    assertThat(handedOut.toByteArray()).containsExactly(0, 0);
  }

  @Test
  void equality_isByContent_andHashDoesNotDependOnIt() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2});
    assertThat(a).isEqualTo(SecretBytes.copyOf(new byte[] {1, 2})).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 3}));
    assertThat(a.hashCode()).isEqualTo(SecretBytes.copyOf(new byte[] {9, 9, 9}).hashCode());
  }
}
