package dev.castellan.authority.service;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.authority.IssueDeniedException;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EvidenceChallenge;
import dev.castellan.tokens.envelope.SignedEnvelope;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.tokens.envelope.TokenIssueResponse.Result;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code token_issue_req -> token_issue_resp}: the request must be fresh ({@link
 * RequestFreshness}); the subject is the request's {@code vm_id}, and only if the peer's entry
 * binds it; {@value EvidenceChallenge#SCOPE} alone gets a challenge token, and a request that
 * returns one (or carries {@code attestation}) has its evidence verified ({@link
 * EvidenceAppraiser}) before the ACL and scope policies decide; the decision is recorded
 * before the signed answer is made.
 */
final class TokenIssueHandler {
  static final String ACTION = "token.issue";

  private final AuthorityIssuer authority;
  private final AuditSink audit;
  private final String defaultAudience;
  private final RequestFreshness freshness;
  private final EvidenceAppraiser appraiser;

  TokenIssueHandler(AuthorityIssuer authority, AuditSink audit, String defaultAudience, RequestFreshness freshness,
      EvidenceAppraiser appraiser) {
    this.authority = authority;
    this.audit = audit;
    this.defaultAudience = defaultAudience;
    this.freshness = freshness;
    this.appraiser = appraiser;
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
    Optional<RequestFreshness.Stale> stale = freshness.check(peer.name(), TokenIssueRequest.TYPE,
        request.nonce().toByteArray(), request.timestamp(), authority.now());
    if (stale.isPresent()) {
      Result result = stale.get() == RequestFreshness.Stale.CACHE_FULL ? Result.RATE_LIMITED : Result.DENIED;
      record(peer, target, result.wireName(), "request_id", id, "rule", stale.get().rule, "scopes", scopes,
          "timestamp", request.timestamp().toString());
      return answer(id, result, Optional.empty(), Optional.empty());
    }
    String bound = peer.subject().orElseThrow(); // PeerEntry requires it for token_issue_req
    if (!bound.equals(request.vmId())) {
      record(peer, target, "denied", "request_id", id, "rule", "peer-acl.subject-not-bound", "bound_subject", bound);
      return answer(id, Result.DENIED, Optional.empty(), Optional.empty());
    }
    List<String> asked = request.requestedScope();
    AuthorityIssuer.Issued issued;
    List<String> evidenceFacts = List.of();
    try {
      if (asked.contains(EvidenceChallenge.SCOPE)) {
        if (asked.size() != 1) {
          throw new IssueDeniedException("request.challenge-not-alone: " + EvidenceChallenge.SCOPE
              + " is requested alone");
        }
        issued = authority.challenge(bound);
      } else {
        Optional<AttestationResult> evidence = Optional.empty();
        if (carriesEvidence(request)) {
          AttestationResult verified = evidence(bound, request);
          evidence = Optional.of(verified);
          evidenceFacts = List.of("evidence", verified.platform().name().toLowerCase(java.util.Locale.ROOT)
              + (verified.simulated() ? ",simulated" : ""));
        }
        issued = authority.issue(bound, asked, peer.audience().orElse(defaultAudience), request.nonce().toByteArray(), evidence);
      }
    } catch (IssueDeniedException e) {
      record(peer, target, "denied", concat(List.of("request_id", id, "rule", Texts.rule(e.getMessage()), "detail",
          e.getMessage(), "scopes", scopes), evidenceFacts));
      return answer(id, Result.DENIED, Optional.empty(), Optional.empty());
    }
    record(peer, target, "ok", concat(List.of("request_id", id, "scopes", scopes, "jti", issued.tokenId(),
        "expires_at", issued.expiresAt().toString()), evidenceFacts));
    return answer(id, Result.OK, Optional.of(SecretBytes.copyOf(issued.token())), Optional.of(issued.expiresAt()));
  }

  private static boolean carriesEvidence(TokenIssueRequest request) {
    return request.attestation().isPresent()
        || request.metadata().map(m -> m.get(EvidenceChallenge.METADATA_KEY) != null).orElse(false);
  }

  /** The request's verified evidence; a rejection becomes a denial naming its rule. */
  private AttestationResult evidence(String subject, TokenIssueRequest request) throws IssueDeniedException {
    try {
      return appraiser.verify(subject, request, authority.now());
    } catch (EvidenceAppraiser.Rejected e) {
      throw new IssueDeniedException(e.rule + ": " + e.getMessage());
    }
  }

  private static String[] concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
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
