package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.server.ServerConfig;
import dev.castellan.server.http.HttpLimits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

/** Long polls are bounded to half the connection cap; one more is a 503 with Retry-After, over real HTTP. */
class RevocationOverloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void beyondTheBound_is503Overloaded_whileAnswersThatNeedNoWaitStillCome(@TempDir Path data) throws Exception {
    HttpLimits d = HttpLimits.DEFAULTS;
    // Five connections: two may wait (half, rounded down), leaving room for the refused one and the plain GET.
    HttpLimits five = new HttpLimits(d.readTimeout(), d.idleTimeout(), 5, 5, d.maxRequestLineBytes(),
        d.maxHeaderBytes(), d.maxHeaderCount(), d.maxPayloadBytes());
    try (TokenOracle oracle = TokenOracle.boot(data, ServerConfig.defaults().withLimits(five), Oracle.Access.TOKENS,
        TokenOracle.MANUAL)) {
      assertThat(oracle.tokens().revocations().maxWaiters()).isEqualTo(2);
      long current = oracle.version();
      String held = "/v1/tokens/revocations?after=" + current + "&wait=25";
      List<CompletableFuture<HttpResponse<byte[]>>> waiting =
          List.of(oracle.getLater(held, Duration.ofSeconds(60)), oracle.getLater(held, Duration.ofSeconds(60)));
      oracle.awaitWaiters(2);

      HttpResponse<byte[]> refused = oracle.get(held, Duration.ofSeconds(10));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(JSON.readTree(refused.body()).get("error").asString()).isEqualTo("overloaded");

      HttpResponse<byte[]> behind = oracle.get("/v1/tokens/revocations?after=" + (current - 1), Duration.ofSeconds(10));
      assertThat(behind.statusCode()).as("a caller that is behind takes no slot").isEqualTo(200);

      oracle.tokens().renewRevocationListNow(Clock.systemUTC());
      for (CompletableFuture<HttpResponse<byte[]>> poll : waiting) {
        assertThat(poll.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(oracle.tokens().revocations().waiting()).isZero();
      assertThat(oracle.get(held, Duration.ofSeconds(10)).statusCode()).as("slots are free again").isEqualTo(200);
    }
  }
}
