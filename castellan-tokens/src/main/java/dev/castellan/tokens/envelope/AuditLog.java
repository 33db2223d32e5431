package dev.castellan.tokens.envelope;

import dev.castellan.core.cbor.CborMap;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** {@code audit_log}: an append-only audit record signed by cryptod (never a secret or a TOTP code in it). */
public record AuditLog(
    String entryId, String actor, String action, Optional<String> target, String result, Instant timestamp,
    Optional<CborMap> metadata, ByteString signature) implements SignedEnvelope {
  public static final String TYPE = "audit_log";

  public AuditLog {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(signature, "signature");
  }

  static AuditLog read(Body b) {
    return new AuditLog(b.text("entry_id"), b.text("actor"), b.text("action"), b.optionalText("target"), b.text("result"),
        b.time("timestamp"), b.optionalMap("metadata"), b.bytes("signature"));
  }

  @Override public String type() { return TYPE; }

  @Override
  public CborMap body() {
    return new BodyBuilder().text("entry_id", entryId).text("actor", actor).text("action", action).text("target", target)
        .text("result", result).time("timestamp", timestamp).map("metadata", metadata).bytes("signature", signature).build();
  }

  @Override public Optional<ByteString> signatureField() { return Optional.of(signature).filter(s -> s.size() > 0); }

  @Override public AuditLog withSignature(ByteString value) {
    return new AuditLog(entryId, actor, action, target, result, timestamp, metadata, value);
  }

  @Override public Optional<Instant> signedAt() { return Optional.of(timestamp); }
}
