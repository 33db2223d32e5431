package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code /v1/migration-status} before issue 14: state none, every field present, the lineage labelled unverified. */
class MigrationStatusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final byte[] measurement = Hex.decode("cd".repeat(48));

  @Test
  void body_withAPredecessor_hasTheShapeIssue14Fills() throws Exception {
    JsonNode body = JSON.readTree(MigrationStatus.body(measurement,
        new OracleInfo("1.0", Optional.of("ab".repeat(48)), Optional.of("ef".repeat(32)))));
    assertThat(body.get("state").asString()).isEqualTo("none");
    assertThat(MigrationStatus.STATES).contains(body.get("state").asString());
    assertThat(body.get("supported").asBoolean()).isFalse();
    for (String field : new String[] {"targetMeasurement", "activationTime", "secondsLeft", "refusal"}) {
      assertThat(body.has(field)).as(field).isTrue();
      assertThat(body.get(field).isNull()).as(field).isTrue();
    }
    assertThat(body.get("maintainerKey").asString()).isEqualTo("ef".repeat(32));
    JsonNode lineage = body.get("lineage");
    assertThat(lineage.get("chain").valueStream().map(JsonNode::asString).toList())
        .containsExactly("ab".repeat(48), "cd".repeat(48));
    assertThat(lineage.get("verified").asBoolean()).isFalse();
    assertThat(lineage.get("source").asString()).contains("--previous-measurement", "no migration record checks it");
  }

  @Test
  void body_withoutAPredecessor_isItsOwnGenesis() throws Exception {
    JsonNode body = JSON.readTree(MigrationStatus.body(measurement, new OracleInfo("1.0", Optional.empty(), Optional.empty())));
    assertThat(body.get("lineage").get("chain").valueStream().map(JsonNode::asString).toList())
        .containsExactly("cd".repeat(48));
    assertThat(body.get("maintainerKey").isNull()).isTrue();
    assertThat(body.get("lineage").get("source").asString()).contains("no predecessor configured");
  }
}
