package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.server.http.HttpError;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The long poll's query is strict: each rejection over real HTTP, then the parser's arithmetic. */
class RevocationQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AFTER = "'after' must be a version: a decimal integer from 0 to 9223372036854775807";
  private static final String WAIT = "'wait' must be whole seconds from 0 to 60";
  @TempDir static Path data;
  private static TokenOracle oracle;

  @BeforeAll
  static void boot() throws Exception {
    oracle = TokenOracle.boot(data, TokenOracle.MANUAL);
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  private static void assertRejected(String query, String message) throws Exception {
    HttpResponse<byte[]> response = oracle.get("/v1/tokens/revocations?" + query, Duration.ofSeconds(10));
    assertThat(response.statusCode()).as(query).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asString()).isEqualTo("bad_request");
    assertThat(body.get("message").asString()).isEqualTo(message);
    assertThat(oracle.tokens().revocations().waiting()).isZero();
  }

  @Test
  void after_notANumber_is400() throws Exception {
    assertRejected("after=abc", AFTER);
  }

  @Test
  void after_negative_is400() throws Exception {
    assertRejected("after=-1", AFTER);
  }

  @Test
  void after_withASign_is400() throws Exception {
    assertRejected("after=%2B5", AFTER);
  }

  @Test
  void after_withALeadingZero_is400() throws Exception {
    assertRejected("after=07", AFTER);
  }

  @Test
  void after_fractional_is400() throws Exception {
    assertRejected("after=1.5", AFTER);
  }

  @Test
  void after_empty_is400() throws Exception {
    assertRejected("after=", AFTER);
  }

  @Test
  void after_above2To63_is400() throws Exception {
    assertRejected("after=9223372036854775808", AFTER);
  }

  @Test
  void after_twentyDigits_is400() throws Exception {
    assertRejected("after=10000000000000000000", AFTER);
  }

  @Test
  void wait_notANumber_is400() throws Exception {
    assertRejected("after=1&wait=soon", WAIT);
  }

  @Test
  void wait_aboveSixty_is400() throws Exception {
    assertRejected("after=1&wait=61", WAIT);
  }

  @Test
  void wait_negative_is400() throws Exception {
    assertRejected("after=1&wait=-1", WAIT);
  }

  @Test
  void wait_withUnits_is400() throws Exception {
    assertRejected("after=1&wait=5s", WAIT);
  }

  @Test
  void wait_withoutAfter_is400() throws Exception {
    assertRejected("wait=5", "'wait' needs 'after' (the version you have)");
  }

  @Test
  void unknownParameter_is400_andNamedSanitized() throws Exception {
    assertRejected("after=1&since=%0A2", "unknown query parameter 'since' (only 'after' and 'wait')");
    assertRejected("bad%0Aname=1", "unknown query parameter 'bad?name' (only 'after' and 'wait')");
  }

  @Test
  void repeatedParameter_is400() throws Exception {
    assertRejected("after=1&after=2", "query parameter 'after' given more than once");
  }

  @Test
  void maxWait_staysBelowTheIdleTimeout_within1To60Seconds() {
    assertThat(LongPollQuery.maxWait(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(25));
    assertThat(LongPollQuery.maxWait(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(1));
    assertThat(LongPollQuery.maxWait(Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void parse_defaultsAndCapsTheWait() throws HttpError {
    Duration max = Duration.ofSeconds(25);
    assertThat(LongPollQuery.parse(Map.of(), max)).isEqualTo(new LongPollQuery(Optional.empty(), Duration.ZERO));
    assertThat(LongPollQuery.parse(Map.of("after", "0"), max)).isEqualTo(new LongPollQuery(Optional.of(0L), max));
    assertThat(LongPollQuery.parse(Map.of("after", "9223372036854775807", "wait", "60"), max))
        .isEqualTo(new LongPollQuery(Optional.of(Long.MAX_VALUE), max));
    assertThat(LongPollQuery.parse(Map.of("after", "12", "wait", "3"), max))
        .isEqualTo(new LongPollQuery(Optional.of(12L), Duration.ofSeconds(3)));
  }
}
