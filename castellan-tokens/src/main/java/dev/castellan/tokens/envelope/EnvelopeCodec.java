package dev.castellan.tokens.envelope;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborException;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.envelope.EnvelopeException.Problem;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and strictly decodes envelopes {@code {"type": text, "body": map}} (docs/tokens.md,
 * "Envelopes"). Decoding MUST refuse: more than {@value #MAX_ENVELOPE_BYTES} bytes, anything but
 * deterministic CBOR, a top-level map with other keys than {@code type} and {@code body}, a type
 * the schema does not name, a body field it does not name, a missing required field, a field of
 * another type or outside its bounds. An optional field is absent, never {@code null}.
 */
public final class EnvelopeCodec {
  /**
   * Largest envelope. The biggest body is a {@code totp_validate_req} with an attestation chain
   * (up to 8 items of 16 KiB); the bound caps the sum, 64 KiB, which holds a few certificate
   * chains and stays far below any frame limit a transport may set.
   */
  public static final int MAX_ENVELOPE_BYTES = 64 * 1024;

  /** Envelope map, body map, and a list or metadata map inside it. */
  private static final CborLimits LIMITS =
      CborLimits.DETERMINISTIC.withMaxInputBytes(MAX_ENVELOPE_BYTES).withMaxDepth(4).withMaxItems(1024);

  private EnvelopeCodec() {}

  /**
   * The deterministic encoding of {@code envelope}.
   *
   * @throws IllegalArgumentException if the envelope breaks a rule of the decoder (e.g. a
   *     signed type still {@link SignedEnvelope#UNSIGNED}, or a field out of bounds)
   */
  public static byte[] encode(Envelope envelope) {
    byte[] encoded = Cbor.encode(wrap(envelope.type(), envelope.body()));
    try {
      decode(encoded);
    } catch (EnvelopeException e) {
      throw new IllegalArgumentException("envelope breaks the schema: " + e.getMessage());
    }
    return encoded;
  }

  /** Decodes one envelope; see the class documentation for what is refused. */
  public static Envelope decode(byte[] encoded) throws EnvelopeException {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length > MAX_ENVELOPE_BYTES) {
      throw new EnvelopeException(Problem.OVERSIZE, "envelope of " + encoded.length + " bytes exceeds " + MAX_ENVELOPE_BYTES);
    }
    try {
      CborValue item = Cbor.decode(encoded, LIMITS);
      if (!(item instanceof CborMap map) || map.size() != 2
          || !(map.get("type") instanceof CborText type) || map.get("body") == null) {
        throw new EnvelopeException(Problem.MALFORMED, "an envelope is exactly {\"type\": text, \"body\": map}");
      }
      List<Schema.Field> fields = Schema.fields(type.value())
          .orElseThrow(() -> new EnvelopeException(Problem.UNKNOWN_TYPE, "the schema names no such type"));
      Body body = Body.check(type.value(), fields, map.get("body"));
      return switch (type.value()) {
        case EntropyPublication.TYPE -> EntropyPublication.read(body);
        case TotpValidateRequest.TYPE -> TotpValidateRequest.read(body);
        case TotpValidateResponse.TYPE -> TotpValidateResponse.read(body);
        case TokenIssueRequest.TYPE -> TokenIssueRequest.read(body);
        case TokenIssueResponse.TYPE -> TokenIssueResponse.read(body);
        case Attestation.TYPE -> Attestation.read(body);
        case AuditLog.TYPE -> AuditLog.read(body);
        default -> throw new EnvelopeException(Problem.UNKNOWN_TYPE, "the schema names no such type");
      };
    } catch (CborException e) {
      throw new EnvelopeException(Problem.MALFORMED, e.getMessage());
    } catch (RuntimeException e) {
      throw new EnvelopeException(Problem.MALFORMED, "undecodable envelope", e);
    }
  }

  /**
   * The bytes a body signature covers: the deterministic encoding of {@code {"type": type,
   * "body": body without "signature"}}.
   */
  public static byte[] signedBytes(SignedEnvelope envelope) {
    return Cbor.encode(wrap(envelope.type(), envelope.unsignedBody()));
  }

  private static CborMap wrap(String type, CborMap body) {
    return CborMap.builder().put("type", CborValue.of(type)).put("body", body).build();
  }
}
