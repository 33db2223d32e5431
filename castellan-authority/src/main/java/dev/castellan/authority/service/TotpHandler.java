package dev.castellan.authority.service;

import dev.castellan.authority.IssueDeniedException;
import dev.castellan.authority.totp.TotpResult;
import dev.castellan.authority.totp.TotpValidator;
import dev.castellan.authority.totp.TotpVerdict;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.tokens.envelope.ByteString;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.SignedEnvelope;
import dev.castellan.tokens.envelope.TotpValidateRequest;
import dev.castellan.tokens.envelope.TotpValidateResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code totp_validate_req -> totp_validate_resp}. The device the validator rate-limits is the
 * transport peer (its label), not the request's self-declared {@code device_id}, which is only
 * recorded. On {@code ok} the operator gets a token with every scope the ACL allows it and,
 * if the console sent its ephemeral public key, a fresh ephemeral key sealed to it ({@link
 * EphemeralKey}). The code goes to the validator and nowhere else.
 */
final class TotpHandler {
  static final String ACTION = "totp.validate";
  private static final java.util.Map<RequestFreshness.Stale, String> STALE_REASONS = java.util.Map.of(
      RequestFreshness.Stale.TIMESTAMP, "request timestamp too far from the authority's clock; check this machine's clock",
      RequestFreshness.Stale.REPLAYED_NONCE, "request nonce already used",
      RequestFreshness.Stale.CACHE_FULL, "too many recent requests; try again shortly");

  private final Optional<TotpValidator> validator;
  private final AuthorityIssuer authority;
  private final AuditSink audit;
  private final String defaultAudience;
  /** Draws the ephemeral keys (EphemeralKey). */
  private final java.security.SecureRandom ephemeralKeys;

  private final RequestFreshness freshness;

  TotpHandler(Optional<TotpValidator> validator, AuthorityIssuer authority, AuditSink audit, String defaultAudience,
      RequestFreshness freshness, java.security.SecureRandom ephemeralKeys) {
    this.validator = validator;
    this.freshness = freshness;
    this.authority = authority;
    this.audit = audit;
    this.defaultAudience = defaultAudience;
    this.ephemeralKeys = ephemeralKeys;
  }

  byte[] handle(PeerEntry peer, String peerLabel, TotpValidateRequest request, boolean overBudget)
      throws Refusal, IOException, GeneralSecurityException {
    try {
      return validate(peer, peerLabel, request, overBudget);
    } finally {
      request.totpCode().destroy(); // whatever happened, the code is not kept
    }
  }

  private byte[] validate(PeerEntry peer, String peerLabel, TotpValidateRequest request, boolean overBudget)
      throws Refusal, IOException, GeneralSecurityException {
    if (validator.isEmpty()) {
      throw new Refusal("request.refused", "service.totp-not-configured");
    }
    if (!Uuids.valid(request.requestId())) {
      throw new Refusal("request.refused", "request.id-invalid");
    }
    String id = request.requestId();
    String operator = request.operatorId();
    Optional<String> target = Optional.of(Texts.id(operator));
    String claimed = Texts.id(request.deviceId());
    if (overBudget) {
      record(peer, target, "rate_limited", "request_id", id, "device", peerLabel, "claimed_device", claimed,
          "rule", "service.peer-rate-limit");
      return answer(id, TotpValidateResponse.Result.RATE_LIMITED, "too many requests from this peer", Optional.empty());
    }
    Optional<RequestFreshness.Stale> stale = freshness.check(peer.name(), TotpValidateRequest.TYPE,
        request.clientNonce().toByteArray(), request.timestamp(), authority.now());
    if (stale.isPresent()) {
      // The code is not checked at all: a stale or replayed request says nothing about it.
      TotpValidateResponse.Result result = switch (stale.get()) {
        case TIMESTAMP -> TotpValidateResponse.Result.FAIL;
        case REPLAYED_NONCE -> TotpValidateResponse.Result.REPLAY;
        case CACHE_FULL -> TotpValidateResponse.Result.RATE_LIMITED;
      };
      record(peer, target, result.wireName(), "request_id", id, "device", peerLabel, "claimed_device", claimed,
          "rule", stale.get().rule, "timestamp", request.timestamp().toString());
      return answer(id, result, STALE_REASONS.get(stale.get()), Optional.empty());
    }
    TotpVerdict verdict;
    byte[] code = request.totpCode().toByteArray();
    try {
      verdict = validator.get().validate(operator, peerLabel, new String(code, StandardCharsets.US_ASCII));
    } catch (dev.castellan.authority.totp.TotpStateException e) {
      throw new Refusal(ACTION, "totp.state-unavailable"); // recorded by the session; no answer
    } catch (IOException | GeneralSecurityException e) {
      throw new Refusal(ACTION, "totp.secret-unavailable"); // recorded by the session; no answer
    } finally {
      Arrays.fill(code, (byte) 0);
    }
    String reason = verdict.reason();
    Optional<AuthorityIssuer.Issued> issued = Optional.empty();
    String capability = "none";
    if (verdict.result() == TotpResult.OK) {
      try {
        issued = Optional.of(authority.issue(operator, authority.allowedScopes(operator),
            peer.audience().orElse(defaultAudience), request.clientNonce().toByteArray()));
        capability = "jti:" + issued.get().tokenId();
      } catch (IssueDeniedException e) {
        reason = "code accepted; no capability (" + Texts.rule(e.getMessage()) + ")";
        capability = "none:" + Texts.rule(e.getMessage());
      }
    }
    List<String> retry = verdict.retryAt().map(t -> List.of("retry_at", t.toString())).orElse(List.of());
    String[] metadata = concat(List.of("request_id", id, "device", peerLabel, "claimed_device", claimed, "capability", capability), retry);
    Optional<ByteString> ephemeral = Optional.empty();
    Optional<dev.castellan.core.hpke.HpkePublicKey> console = EphemeralKey.requested(request.metadata());
    if (issued.isPresent() && console.isPresent()) {
      ephemeral = Optional.of(EphemeralKey.seal(console.get(), id, ephemeralKeys));
    }
    record(peer, target, verdict.result().wire(), concat(List.of(metadata), List.of("ephemeral_key", ephemeral.isPresent() ? "sent" : "none")));
    return answer(id, TotpValidateResponse.Result.valueOf(verdict.result().name()), reason, issued, ephemeral);
  }

  private void record(PeerEntry peer, Optional<String> target, String result, String... metadata) throws IOException {
    audit.record(AuditEvent.of(peer.name(), ACTION, target, result, metadata));
  }

  private static String[] concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }

  private byte[] answer(String id, TotpValidateResponse.Result result, String reason, Optional<AuthorityIssuer.Issued> issued)
      throws GeneralSecurityException {
    return answer(id, result, reason, issued, Optional.empty());
  }

  private byte[] answer(String id, TotpValidateResponse.Result result, String reason, Optional<AuthorityIssuer.Issued> issued,
      Optional<ByteString> ephemeral) throws GeneralSecurityException {
    TotpValidateResponse unsigned = new TotpValidateResponse(id, result, Optional.of(reason),
        issued.map(i -> SecretBytes.copyOf(i.token())), ephemeral, issued.map(AuthorityIssuer.Issued::expiresAt),
        SignedEnvelope.UNSIGNED);
    return EnvelopeCodec.encode(authority.sign(unsigned));
  }
}
