package dev.castellan.server.broker;

import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.ipld.DagCbor;
import dev.castellan.core.ipld.IpldException;
import dev.castellan.keys.broker.Decision;
import java.time.Instant;
import java.util.Optional;

/**
 * A broker decision as the data of a log record (docs/broker.md, "Decision records"): a DAG-CBOR
 * map {@code type} ({@value #TYPE}), {@code time} (epoch milliseconds), {@code keyId}, {@code
 * action}, {@code verdict} ({@code accepted} or {@code refused}), {@code generation}, {@code
 * locked}, and when present {@code principal}, {@code evidence} (the evidence's CID), {@code
 * policyDigest} (hex SHA-256 of the key policy), {@code check} (the failed check) and {@code
 * suppressed} (for a summary of throttled refusals, how many it stands for).
 */
final class DecisionRecord {
  static final String TYPE = "castellan.broker.decision/v1";

  private DecisionRecord() {}

  static byte[] encode(Decision d) {
    CborMap.Builder map = CborMap.builder()
        .put("type", TYPE)
        .put("time", d.time().toEpochMilli())
        .put("keyId", d.keyId())
        .put("action", d.action())
        .put("verdict", d.accepted() ? "accepted" : "refused")
        .put("generation", d.generation())
        .put("locked", d.locked() ? 1 : 0);
    d.principal().ifPresent(p -> map.put("principal", p));
    d.evidenceCid().ifPresent(c -> map.put("evidence", c));
    d.policyDigest().ifPresent(p -> map.put("policyDigest", p));
    d.failedCheck().ifPresent(c -> map.put("check", c));
    if (d.summary()) {
      map.put("suppressed", d.suppressed());
    }
    try {
      return DagCbor.encode(map.build());
    } catch (IpldException e) {
      throw new IllegalStateException("a decision record is always valid DAG-CBOR", e);
    }
  }

  /** The decision in {@code data}, or empty if the record is not a broker decision. */
  static Optional<Decision> decode(byte[] data) {
    try {
      if (!(DagCbor.decode(data) instanceof CborMap map) || !TYPE.equals(text(map, "type").orElse(null))) {
        return Optional.empty();
      }
      boolean accepted = "accepted".equals(text(map, "verdict").orElseThrow());
      return Optional.of(new Decision(Instant.ofEpochMilli(map.get("time").asLong()), text(map, "keyId").orElseThrow(),
          text(map, "action").orElseThrow(), text(map, "principal"), text(map, "evidence"), text(map, "policyDigest"),
          accepted, text(map, "check"), map.get("generation").asLong(), map.get("locked").asLong() == 1,
          map.get("suppressed") == null ? 0 : map.get("suppressed").asLong()));
    } catch (IpldException | CborException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(CborMap map, String key) throws CborException {
    CborValue v = map.get(key);
    return v == null ? Optional.empty() : Optional.of(v.asText());
  }
}
