package dev.castellan.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NatsKeysTest {
  /** NATS KV key rules: these characters only, no leading, trailing or doubled dot. */
  private static final String VALID_KEY = "[-/_=A-Za-z0-9]+(\\.[-/_=A-Za-z0-9]+)*";

  @Test
  void encode_anyName_isAValidKeyAndDecodesBack() {
    for (String path : List.of("a", "etc/app.conf", ".hidden/..x/ y", "ünïcödé/日本.txt", "a*b>c/$KV.x", "tab\there/new\nline")) {
      String key = NatsKeys.encode(path);
      assertThat(key).as(path).matches(VALID_KEY);
      assertThat(NatsKeys.decode(key)).isEqualTo(path);
    }
  }

  @Test
  void encode_segments_areDotSeparatedTokens() {
    assertThat(NatsKeys.encode("etc/app.conf")).isEqualTo("ZXRj.YXBwLmNvbmY");
  }

  @Test
  void encode_emptySegmentOrTooLong_throws() {
    assertThatThrownBy(() -> NatsKeys.encode("a//b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NatsKeys.encode("x".repeat(NatsKeys.MAX_KEY_LENGTH)))
        .hasMessageContaining("too long for a NATS KV key");
  }

  @Test
  void decode_foreignKey_throws() {
    assertThatThrownBy(() -> NatsKeys.decode("a..b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NatsKeys.decode("a=b")).isInstanceOf(IllegalArgumentException.class);
  }
}
