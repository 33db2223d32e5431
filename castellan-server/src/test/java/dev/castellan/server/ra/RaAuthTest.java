package dev.castellan.server.ra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.server.oracle.Oracle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With capability tokens on, generate needs the operator's token; the read and verify routes stay open. */
class RaAuthTest {
  @TempDir Path tmp;

  @Test
  void generate_withoutAValidToken_isRefused_andWithTheOperatorsToken_runs() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("a.txt"), "alpha");
    try (RaOracle ra = RaOracle.boot(Files.createDirectories(tmp.resolve("data")), RaOptions.of(root),
        Oracle.Access.TOKENS)) {
      var none = ra.post("/ra/generate", Map.of("path", "a.txt"), null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(ra.post("/ra/generate", Map.of("path", "a.txt"), "not-a-token").statusCode()).isEqualTo(401);
      // Refused before the body is read: a bad path without a token is still a 401, not a 400.
      assertThat(ra.post("/ra/generate", Map.of("path", "../x"), null).statusCode()).isEqualTo(401);
      assertThat(ra.getJson("/ra/generate/status").get("state").asString()).isEqualTo("idle");
      assertThat(ra.get("/ra/hash/?path=a.txt").statusCode()).isEqualTo(404);

      String token = Files.readString(ra.oracle.operatorTokenFile().orElseThrow()).strip();
      assertThat(ra.post("/ra/generate", Map.of("path", "a.txt"), token).statusCode()).isEqualTo(202);
      assertThat(ra.awaitGenerated().get("done").asInt()).isEqualTo(1);
      assertThat(ra.get("/ra/hash/?path=a.txt").statusCode()).isEqualTo(200);
      assertThat(ra.get("/ra/pubkeys/").statusCode()).isEqualTo(200);
    }
  }
}
