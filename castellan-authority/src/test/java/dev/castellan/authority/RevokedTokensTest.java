package dev.castellan.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevokedTokensTest {
  private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  @TempDir Path dir;

  private static byte[] id(int b) {
    byte[] id = new byte[16];
    java.util.Arrays.fill(id, (byte) b);
    return id;
  }

  @Test
  void added_idsAreListed_untilKeepHasPassed() throws Exception {
    RevokedTokens.add(dir, id(1), T0);
    RevokedTokens.add(dir, id(2), T0.plusSeconds(60));
    RevokedTokens.add(dir, id(1), T0.plusSeconds(90)); // already there: keeps its first time
    assertThat(RevokedTokens.read(dir, T0.plusSeconds(120))).hasSize(2);
    List<byte[]> later = RevokedTokens.read(dir, T0.plus(RevokedTokens.KEEP).plusSeconds(1));
    assertThat(later).hasSize(1);
    assertThat(later.getFirst()).isEqualTo(id(2));
    assertThat(RevokedTokens.read(dir.resolve("none"), T0)).isEmpty();
  }

  @Test
  void badIdsAndBadFiles_areRefusedClearly() throws Exception {
    assertThatThrownBy(() -> RevokedTokens.add(dir, new byte[8], T0)).hasMessageContaining("16 to 64 bytes, got 8");
    Files.writeString(dir.resolve(RevokedTokens.FILE), "zz 12\n");
    assertThatThrownBy(() -> RevokedTokens.read(dir, T0)).isInstanceOf(IOException.class)
        .hasMessageEndingWith("line 1: expected '<token id hex> <epoch seconds>'");
  }
}
