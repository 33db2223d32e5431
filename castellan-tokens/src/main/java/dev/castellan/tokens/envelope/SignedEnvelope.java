package dev.castellan.tokens.envelope;

import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An envelope whose body has a {@code signature} field: a COSE_Sign1 over the envelope without
 * that field ({@link EnvelopeSignatures}).
 */
public sealed interface SignedEnvelope extends Envelope
    permits EntropyPublication, TotpValidateResponse, TokenIssueResponse, Attestation, AuditLog {
  /** The placeholder of a record not signed yet; the encoder refuses it. */
  ByteString UNSIGNED = ByteString.of(new byte[0]);

  /** The signature field, if present and not {@link #UNSIGNED}. */
  Optional<ByteString> signatureField();

  /** A copy of this envelope with {@code signature} set. */
  SignedEnvelope withSignature(ByteString signature);

  /** The instant the body says it was made, for key validity; empty when the body has none. */
  Optional<Instant> signedAt();

  /** The body without its {@code signature} field: what the signature covers (with the type). */
  default CborMap unsignedBody() {
    CborMap.Builder out = CborMap.builder();
    for (Map.Entry<CborValue, CborValue> e : body().entries()) {
      if (!e.getKey().equals(CborValue.of("signature"))) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out.build();
  }
}
