package dev.castellan.authority.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication attempt or decision, before it becomes a signed {@code audit_log} record.
 * Nothing in it may be a secret: never a TOTP code, a token or key material.
 *
 * @param actor who acted: the peer's {@link PeerEntry#name()}, or its transport label when no
 *     entry names it
 * @param action what was attempted, e.g. {@code token.issue}, {@code totp.validate}, {@code peer.refused}
 * @param target what it was about (a subject or operator id), if anything
 * @param result the outcome, e.g. {@code ok}, {@code denied}, {@code refused}
 * @param metadata short facts (the rule, the request id); at most {@value #MAX_METADATA} entries
 */
public record AuditEvent(String actor, String action, Optional<String> target, String result, Map<String, String> metadata) {
  /** Most metadata entries (the schema's bound is 32; one is left for the drop summary). */
  public static final int MAX_METADATA = 16;
  /** Longest text of any field: the schema's bound. */
  public static final int MAX_TEXT = 1024;

  public AuditEvent {
    Objects.requireNonNull(target, "target");
    metadata = Map.copyOf(metadata);
    if (metadata.size() > MAX_METADATA) {
      throw new IllegalArgumentException("at most " + MAX_METADATA + " metadata entries");
    }
    check(actor);
    check(action);
    check(result);
    target.ifPresent(AuditEvent::check);
    metadata.forEach((k, v) -> {
      check(k);
      check(v);
    });
  }

  /** An event with metadata given as alternating keys and values. */
  public static AuditEvent of(String actor, String action, Optional<String> target, String result, String... metadata) {
    if (metadata.length % 2 != 0) {
      throw new IllegalArgumentException("metadata is key, value pairs");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < metadata.length; i += 2) {
      map.put(metadata[i], metadata[i + 1]);
    }
    return new AuditEvent(actor, action, target, result, map);
  }

  private static void check(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("audit texts are 1.." + MAX_TEXT + " characters");
    }
  }
}
