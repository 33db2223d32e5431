package dev.castellan.authority.entropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorityRandomTest {
  private static final byte[] NAME = "cryptod test".getBytes(StandardCharsets.UTF_8);

  @Test
  void isA256BitSha256Drbg_withReseedOnly() {
    AuthorityRandom random = AuthorityRandom.create(NAME);
    DrbgParameters.Instantiation parameters = (DrbgParameters.Instantiation) random.random().getParameters();
    assertThat(parameters.getStrength()).isEqualTo(256);
    assertThat(parameters.getCapability()).isEqualTo(DrbgParameters.Capability.RESEED_ONLY);
    assertThat(random.toString()).containsPattern("(Hash|HMAC)_DRBG,SHA-256,256,reseed_only").doesNotContain("cryptod");
  }

  @Test
  void reseed_countsChunks_andOutputStaysFresh() {
    AuthorityRandom random = AuthorityRandom.create(NAME);
    Set<String> outputs = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      random.reseed(new byte[AuthorityRandom.MIN_CHUNK]); // even an all-zero chunk only adds
      byte[] out = new byte[32];
      random.random().nextBytes(out);
      outputs.add(java.util.HexFormat.of().formatHex(out));
    }
    assertThat(random.reseeds()).isEqualTo(8);
    assertThat(outputs).hasSize(8);
  }

  @Test
  void twoInstancesWithTheSamePersonalization_differ() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    AuthorityRandom.create(NAME).random().nextBytes(a);
    AuthorityRandom.create(NAME).random().nextBytes(b);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void chunkOutsideTheSchemaBounds_refused() {
    AuthorityRandom random = AuthorityRandom.create(NAME);
    assertThatThrownBy(() -> random.reseed(new byte[AuthorityRandom.MIN_CHUNK - 1])).hasMessageContaining("64 to 512");
    assertThatThrownBy(() -> random.reseed(new byte[AuthorityRandom.MAX_CHUNK + 1])).hasMessageContaining("got 513");
    assertThat(random.reseeds()).isZero();
  }
}
