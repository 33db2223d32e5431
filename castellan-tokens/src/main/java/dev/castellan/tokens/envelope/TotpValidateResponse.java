package dev.castellan.tokens.envelope;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.CborMap;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** {@code totp_validate_resp}: cryptod's signed answer, optionally with a capability token (a bearer secret). */
public record TotpValidateResponse(
    String requestId, Result result, Optional<String> reason, Optional<SecretBytes> capabilityToken,
    Optional<ByteString> ephemeralKey, Optional<Instant> expiresAt, ByteString signature) implements SignedEnvelope {
  public static final String TYPE = "totp_validate_resp";

  /** {@code enum("ok","fail","rate_limited","replay")}. */
  public enum Result { OK, FAIL, RATE_LIMITED, REPLAY;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
  }

  public TotpValidateResponse {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(capabilityToken, "capabilityToken");
    Objects.requireNonNull(ephemeralKey, "ephemeralKey");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(signature, "signature");
  }

  static TotpValidateResponse read(Body b) {
    return new TotpValidateResponse(b.text("request_id"), Result.valueOf(b.text("result").toUpperCase(Locale.ROOT)),
        b.optionalText("reason"), b.optionalSecret("capability_token"), b.optionalBytes("ephemeral_key"),
        b.optionalTime("expires_at"), b.bytes("signature"));
  }

  @Override public String type() { return TYPE; }

  @Override
  public CborMap body() {
    return new BodyBuilder().text("request_id", requestId).text("result", result.wireName()).text("reason", reason)
        .secret("capability_token", capabilityToken).bytes("ephemeral_key", ephemeralKey).time("expires_at", expiresAt)
        .bytes("signature", signature).build();
  }

  @Override public Optional<ByteString> signatureField() { return Optional.of(signature).filter(s -> s.size() > 0); }

  @Override public TotpValidateResponse withSignature(ByteString value) {
    return new TotpValidateResponse(requestId, result, reason, capabilityToken, ephemeralKey, expiresAt, value);
  }

  @Override public Optional<Instant> signedAt() { return Optional.empty(); }
}
