package dev.castellan.runtime.monitor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change as the data of a log record, one JSON object (UTF-8), fields in this order:
 * {@code type} ({@value #TYPE}), {@code root} (the watched directory, absolute), {@code change},
 * {@code path}, {@code from} (renames only), {@code oldSha3_512}, {@code newSha3_512} (hex or
 * null), {@code time} (ISO-8601 UTC).
 */
public final class ChangeRecord {
  public static final String TYPE = "castellan.monitor.change/v1";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ChangeRecord() {}

  /** A change with the watched directory it happened in. */
  public record Entry(String root, Change change) {}

  public static byte[] encode(String root, Change change) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", TYPE);
    node.put("root", root);
    node.put("change", change.kind().label());
    node.put("path", change.path());
    change.from().ifPresent(from -> node.put("from", from));
    node.put("oldSha3_512", change.oldHash().orElse(null));
    node.put("newSha3_512", change.newHash().orElse(null));
    node.put("time", change.time().toString());
    return JSON.writeValueAsBytes(node);
  }

  /** The change in {@code data}, or empty if the data is not a monitor record (the log holds others). */
  public static Optional<Entry> decode(byte[] data) {
    try {
      JsonNode node = JSON.readTree(new String(data, StandardCharsets.UTF_8));
      if (!node.isObject() || !TYPE.equals(node.path("type").stringValue(null))) {
        return Optional.empty();
      }
      Change change = new Change(ChangeKind.ofLabel(node.path("change").stringValue(null)),
          node.path("path").stringValue(null), optional(node, "from"), optional(node, "oldSha3_512"),
          optional(node, "newSha3_512"), Instant.parse(node.path("time").stringValue(null)));
      return Optional.of(new Entry(node.path("root").stringValue(null), change));
    } catch (JacksonException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.stringValue());
  }
}
