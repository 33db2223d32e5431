package dev.castellan.tokens.envelope;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.CborMap;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** {@code token_issue_resp}: cryptod's signed answer, with the capability token (a bearer secret) when ok. */
public record TokenIssueResponse(
    String requestId, Result result, Optional<SecretBytes> token, Optional<Instant> expiresAt, ByteString signature)
    implements SignedEnvelope {
  public static final String TYPE = "token_issue_resp";

  /** {@code enum("ok","denied","rate_limited")}. */
  public enum Result { OK, DENIED, RATE_LIMITED;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
  }

  public TokenIssueResponse {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(signature, "signature");
  }

  static TokenIssueResponse read(Body b) {
    return new TokenIssueResponse(b.text("request_id"), Result.valueOf(b.text("result").toUpperCase(Locale.ROOT)),
        b.optionalSecret("token"), b.optionalTime("expires_at"), b.bytes("signature"));
  }

  @Override public String type() { return TYPE; }

  @Override
  public CborMap body() {
    return new BodyBuilder().text("request_id", requestId).text("result", result.wireName()).secret("token", token)
        .time("expires_at", expiresAt).bytes("signature", signature).build();
  }

  @Override public Optional<ByteString> signatureField() { return Optional.of(signature).filter(s -> s.size() > 0); }

  @Override public TokenIssueResponse withSignature(ByteString value) {
    return new TokenIssueResponse(requestId, result, token, expiresAt, value);
  }

  @Override public Optional<Instant> signedAt() { return Optional.empty(); }
}
