package dev.castellan.tokens.envelope;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message types of the seed's {@code vchan_schema.yaml}, field by field, with Castellan's
 * bounds (docs/tokens.md, "Envelopes"). One table, read by the decoder and the encoder alike.
 */
final class Schema {
  /** The schema's field types; {@code TIMESTAMP} is its {@code string} in the one RFC 3339 form. */
  enum Kind { STRING, BYTES, MAP, STRING_LIST, BYTES_LIST, TIMESTAMP, ENUM }

  /**
   * One body field. For strings and bytes {@code min..max} bound the length; for lists the
   * item count (items are then bounded by {@link #ITEM_MAX}); for maps the entry count.
   */
  record Field(String name, Kind kind, boolean optional, int min, int max, List<String> values) {}

  static final int TEXT_MAX = 1024;
  static final int ITEM_MAX = 16 * 1024;
  static final int SIGNATURE_MAX = 1024;
  static final int TOKEN_MAX = 8 * 1024;

  private Schema() {}

  static Field text(String name) { return new Field(name, Kind.STRING, false, 1, TEXT_MAX, List.of()); }

  static Field optionalText(String name) { return new Field(name, Kind.STRING, true, 1, TEXT_MAX, List.of()); }

  static Field bytes(String name, int min, int max) { return new Field(name, Kind.BYTES, false, min, max, List.of()); }

  static Field optionalBytes(String name, int min, int max) { return new Field(name, Kind.BYTES, true, min, max, List.of()); }

  static Field time(String name) { return new Field(name, Kind.TIMESTAMP, false, 20, 20, List.of()); }

  static Field optionalTime(String name) { return new Field(name, Kind.TIMESTAMP, true, 20, 20, List.of()); }

  static Field metadata() { return new Field("metadata", Kind.MAP, true, 0, 32, List.of()); }

  static Field signature() { return bytes("signature", 1, SIGNATURE_MAX); }

  static Field choice(String name, String... values) { return new Field(name, Kind.ENUM, false, 1, 32, List.of(values)); }

  static final Map<String, List<Field>> TYPES = Map.of(
      EntropyPublication.TYPE, List.of(
          text("drbg_version"), bytes("nonce", 8, 64), bytes("entropy_chunk", 64, 512), time("timestamp"),
          optionalBytes("signature", 1, SIGNATURE_MAX)),
      TotpValidateRequest.TYPE, List.of(
          text("request_id"), text("operator_id"), text("device_id"), new Field("totp_code", Kind.STRING, false, 1, 16, List.of()),
          bytes("client_nonce", 8, 64), time("timestamp"),
          new Field("attestation_chain", Kind.BYTES_LIST, true, 1, 8, List.of()), metadata()),
      TotpValidateResponse.TYPE, List.of(
          text("request_id"), choice("result", "ok", "fail", "rate_limited", "replay"), optionalText("reason"),
          optionalBytes("capability_token", 1, TOKEN_MAX), optionalBytes("ephemeral_key", 1, ITEM_MAX),
          optionalTime("expires_at"), signature()),
      TokenIssueRequest.TYPE, List.of(
          text("request_id"), text("vm_id"), new Field("requested_scope", Kind.STRING_LIST, false, 1, 32, List.of()),
          text("justification"), bytes("nonce", 8, 64), time("timestamp"), optionalBytes("attestation", 1, ITEM_MAX), metadata()),
      TokenIssueResponse.TYPE, List.of(
          text("request_id"), choice("result", "ok", "denied", "rate_limited"), optionalBytes("token", 1, TOKEN_MAX),
          optionalTime("expires_at"), signature()),
      Attestation.TYPE, List.of(
          text("subject_vm"), bytes("subject_pubkey", 1, 256), text("action"), bytes("nonce", 8, 64),
          time("issued_at"), time("expires_at"), signature()),
      AuditLog.TYPE, List.of(
          text("entry_id"), text("actor"), text("action"), optionalText("target"), text("result"), time("timestamp"),
          metadata(), signature()));

  static Optional<List<Field>> fields(String type) {
    return Optional.ofNullable(TYPES.get(type));
  }
}
