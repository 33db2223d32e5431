package dev.castellan.authority.totp;

import dev.castellan.authority.internal.StrictJson;
import dev.castellan.keys.SealedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link TotpValidator}'s state on disk, so that a restart neither reopens the replay window
 * (a code accepted in the last window could otherwise be accepted once more) nor lifts a
 * lockout. JSON, written atomically (temporary file, fsync, rename) before each answer:
 *
 * <pre>{@code
 * {"version": 1,
 *  "lastAccepted": {"alice": 56666666},
 *  "operators": {"bob": {"failures": 3, "lastFailure": "2026-12-03T18:00:00Z", "lockedUntil": "2026-12-03T18:00:30Z"}},
 *  "devices":   {"unix.uid-1000": {...same...}}}
 * }</pre>
 *
 * Nothing in it is secret (ids, step numbers, counts and times), but it is integrity-relevant:
 * it is kept 0600 beside the sealed secrets. A file that does not parse is an error, never an
 * empty state: deleting it is the operator's explicit choice.
 */
final class TotpStateFile {
  /** Bound of the file: 3 tables of at most 100,000 entries of about 150 bytes. */
  static final int MAX_BYTES = 48 << 20;

  /** What is saved. */
  record State(Map<String, Long> lastAccepted, Map<String, BackoffTable.Entry> operators, Map<String, BackoffTable.Entry> devices) {
    static final State EMPTY = new State(Map.of(), Map.of(), Map.of());
  }

  private static final Set<String> ROOT = Set.of("version", "lastAccepted", "operators", "devices");
  private static final Set<String> ENTRY = Set.of("failures", "lastFailure", "lockedUntil");

  private TotpStateFile() {}

  /** The saved state, or the empty state if there is no file. */
  static State load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return State.EMPTY;
    }
    StrictJson.Fault<IOException> fault = (where, rule) -> new IOException(file + ": " + where + ": " + rule
        + " (the TOTP replay guard and lockouts; delete the file to reset them, accepting that a code of the"
        + " last 90 s could then be used once more)");
    JsonNode root = StrictJson.read(StrictJson.readFile(file, MAX_BYTES, fault), MAX_BYTES, fault);
    StrictJson.allowOnly(root, "$", ROOT, fault);
    StrictJson.requireVersion(root, fault);
    Map<String, Long> steps = new TreeMap<>();
    JsonNode accepted = object(root, "lastAccepted", fault);
    for (String operator : accepted.propertyNames()) {
      JsonNode step = accepted.get(operator);
      if (!Identifiers.valid(operator) || !step.isIntegralNumber() || !step.canConvertToLong() || step.longValue() < 0) {
        throw fault.at("lastAccepted", "an operator id and a step number (>= 0)");
      }
      steps.put(operator, step.longValue());
    }
    return new State(steps, entries(root, "operators", fault), entries(root, "devices", fault));
  }

  /** Writes {@code state} atomically. */
  static void save(Path file, State state) throws IOException {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode().put("version", 1);
    ObjectNode accepted = root.putObject("lastAccepted");
    new TreeMap<>(state.lastAccepted()).forEach(accepted::put);
    write(root.putObject("operators"), state.operators());
    write(root.putObject("devices"), state.devices());
    SealedFile.writeAtomically(file, (root.toString() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void write(ObjectNode into, Map<String, BackoffTable.Entry> entries) {
    new TreeMap<>(entries).forEach((key, e) -> into.putObject(key).put("failures", e.failures())
        .put("lastFailure", e.lastFailure().toString()).put("lockedUntil", e.lockedUntil().toString()));
  }

  private static Map<String, BackoffTable.Entry> entries(JsonNode root, String member, StrictJson.Fault<IOException> fault)
      throws IOException {
    Map<String, BackoffTable.Entry> out = new TreeMap<>();
    JsonNode table = object(root, member, fault);
    for (String key : table.propertyNames()) {
      JsonNode e = table.get(key);
      StrictJson.allowOnly(e, member, ENTRY, fault);
      JsonNode failures = e.get("failures");
      if (!Identifiers.valid(key) || failures == null || !failures.isIntegralNumber() || !failures.canConvertToInt()
          || failures.intValue() < 1 || failures.intValue() > 1_000) {
        throw fault.at(member, "an id and 1..1000 failures");
      }
      out.put(key, new BackoffTable.Entry(failures.intValue(), instant(e, "lastFailure", member, fault),
          instant(e, "lockedUntil", member, fault)));
    }
    return out;
  }

  private static JsonNode object(JsonNode root, String member, StrictJson.Fault<IOException> fault) throws IOException {
    JsonNode node = root.get(member);
    if (node == null || !node.isObject()) {
      throw fault.at(member, "must be a JSON object");
    }
    return node;
  }

  private static Instant instant(JsonNode entry, String name, String member, StrictJson.Fault<IOException> fault)
      throws IOException {
    JsonNode value = entry.get(name);
    if (value == null || !value.isString()) {
      throw fault.at(member, name + " must be an RFC 3339 time");
    }
    try {
      return Instant.parse(value.stringValue());
    } catch (DateTimeParseException e) {
      throw fault.at(member, name + " must be an RFC 3339 time");
    }
  }
}
