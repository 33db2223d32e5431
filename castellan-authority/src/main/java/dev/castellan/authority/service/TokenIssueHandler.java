package dev.castellan.authority.service;

import dev.castellan.authority.IssueDeniedException;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.SignedEnvelope;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.tokens.envelope.TokenIssueResponse.Result;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code token_issue_req -> token_issue_resp}: the subject is the request's {@code vm_id}, and
 * only if the peer's entry binds it; the decision is recorded before the signed answer is made.
 */
final class TokenIssueHandler {
  static final String ACTION = "token.issue";

  private final AuthorityIssuer authority;
  private final AuditSink audit;
  private final String defaultAudience;

  TokenIssueHandler(AuthorityIssuer authority, AuditSink audit, String defaultAudience) {
    this.authority = authority;
    this.audit = audit;
    this.defaultAudience = defaultAudience;
  }

  byte[] handle(PeerEntry peer, TokenIssueRequest request, boolean overBudget)
      throws Refusal, IOException, GeneralSecurityException {
    if (!Uuids.valid(request.requestId())) {
      throw new Refusal("request.refused", "request.id-invalid");
    }
    String id = request.requestId();
    Optional<String> target = Optional.of(Texts.id(request.vmId()));
    String scopes = Texts.scopes(request.requestedScope());
    if (overBudget) {
      record(peer, target, "rate_limited", "request_id", id, "rule", "service.peer-rate-limit", "scopes", scopes);
      return answer(id, Result.RATE_LIMITED, Optional.empty(), Optional.empty());
    }
    String bound = peer.subject().orElseThrow(); // PeerEntry requires it for token_issue_req
    if (!bound.equals(request.vmId())) {
      record(peer, target, "denied", "request_id", id, "rule", "peer-acl.subject-not-bound", "bound_subject", bound);
      return answer(id, Result.DENIED, Optional.empty(), Optional.empty());
    }
    AuthorityIssuer.Issued issued;
    try {
      issued = authority.issue(bound, request.requestedScope(), peer.audience().orElse(defaultAudience),
          request.nonce().toByteArray());
    } catch (IssueDeniedException e) {
      record(peer, target, "denied", "request_id", id, "rule", Texts.rule(e.getMessage()), "detail", e.getMessage(), "scopes", scopes);
      return answer(id, Result.DENIED, Optional.empty(), Optional.empty());
    }
    record(peer, target, "ok", "request_id", id, "scopes", scopes, "jti", issued.tokenId(),
        "expires_at", issued.expiresAt().toString());
    return answer(id, Result.OK, Optional.of(SecretBytes.copyOf(issued.token())), Optional.of(issued.expiresAt()));
  }

  private void record(PeerEntry peer, Optional<String> target, String result, String... metadata) throws IOException {
    audit.record(AuditEvent.of(peer.name(), ACTION, target, result, metadata));
  }

  private byte[] answer(String id, Result result, Optional<SecretBytes> token, Optional<Instant> expires)
      throws GeneralSecurityException {
    TokenIssueResponse unsigned = new TokenIssueResponse(id, result, token, expires, SignedEnvelope.UNSIGNED);
    return EnvelopeCodec.encode(authority.sign(unsigned));
  }
}
