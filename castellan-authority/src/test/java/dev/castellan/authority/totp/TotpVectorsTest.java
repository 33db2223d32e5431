package dev.castellan.authority.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every RFC 6238 Appendix B vector, read from ../shared/vectors/totp at run time. */
class TotpVectorsTest {
  private static final String FILE = "totp/rfc6238-totp-vectors.json";

  @Test
  void code_rfc6238AppendixB_allVectorsMatch() {
    JsonNode root = Vectors.json(FILE);
    JsonNode parameters = root.get("parameters");
    assertThat(parameters.get("T0").asLong()).isZero();
    int digits = parameters.get("digits").asInt();
    long step = parameters.get("time_step_seconds").asLong();
    assertThat(step).isEqualTo(30);
    Failures failures = new Failures();
    for (JsonNode vector : root.get("vectors")) {
      String mode = vector.get("mode").asString();
      long time = vector.get("time").asLong();
      String name = mode + "@" + time;
      failures.check(name, () -> {
        TotpAlgorithm algorithm = TotpAlgorithm.valueOf(mode);
        TotpParameters params = TotpParameters.defaults().withAlgorithm(algorithm).withDigits(digits);
        byte[] seed = Hex.decode(root.get("seeds").get(mode).get("hex").asString());
        TotpSecret secret = TotpSecret.of(algorithm, SecretBytes.copyOf(seed));
        long counter = Totp.timeStep(Instant.ofEpochSecond(time), params);
        assertThat(HexFormat.of().withUpperCase().toHexDigits(counter))
            .as("T").isEqualToIgnoringCase(vector.get("T_hex").asString());
        String expected = vector.get("totp").asString();
        assertThat(Totp.code(secret, Instant.ofEpochSecond(time), params)).as("8 digits").isEqualTo(expected);
        assertThat(Totp.code(secret, counter, params.withDigits(6)))
            .as("6 digits").isEqualTo(expected.substring(expected.length() - 6));
      });
    }
    failures.assertNone(18);
  }

  @Test
  void secretLength_perAlgorithm_matchesTheRfcSeeds() {
    JsonNode seeds = Vectors.json(FILE).get("seeds");
    for (TotpAlgorithm algorithm : TotpAlgorithm.values()) {
      assertThat(algorithm.secretLength()).as(algorithm.name()).isEqualTo(seeds.get(algorithm.name()).get("length").asInt());
    }
  }
}
