package dev.castellan.server.oracle;

import dev.castellan.core.bytes.Hex;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code GET /v1/migration-status} (seed 001) before migration exists (issue 14):
 * state {@code none}, every field a migration will fill present and null, and the lineage this
 * build was configured with, labelled as unverified. The shape is the one issue 14 fills in;
 * docs/http-api.md documents it.
 */
final class MigrationStatus {
  /** The states issue 14 defines; only {@code none} is reachable today. */
  static final java.util.List<String> STATES = java.util.List.of("none", "pending", "ready", "completed", "refused");

  private MigrationStatus() {}

  static byte[] body(byte[] measurement, OracleInfo info) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode();
    body.put("state", "none");
    body.put("supported", false);
    body.put("note", "this build neither offers nor accepts a migration yet: state is always 'none'");
    body.putNull("targetMeasurement");
    body.putNull("activationTime");
    body.putNull("secondsLeft");
    body.putNull("refusal");
    body.put("maintainerKey", info.maintainerKey().orElse(null));
    ObjectNode lineage = body.putObject("lineage");
    ArrayNode chain = lineage.putArray("chain"); // oldest first, this build last
    info.previousMeasurement().ifPresent(chain::add);
    chain.add(Hex.encode(measurement));
    lineage.put("verified", false);
    lineage.put("source", info.previousMeasurement().isPresent()
        ? "previousMeasurement as configured at boot (--previous-measurement); no migration record checks it yet"
        : "no predecessor configured: this build is its own genesis as far as it knows");
    return json.writeValueAsBytes(body);
  }
}
