package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.transport.FramedConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** token_issue_req over a real Unix socket: the bound subject, denials with their rule, the request budget. */
class TokenIssueServiceTest {
  static final Duration SKEW = Duration.ofSeconds(30);
  @TempDir Path dir;

  CryptodFixture start(CryptodOptions options) throws Exception {
    return new CryptodFixture(dir, """
        {"version": 1, "peers": [{"name": "policy-pd", "unix": {"uid": %d}, "types": ["token_issue_req"],
          "subject": "vm-7", "audience": "net"}]}
        """.formatted(CryptodFixture.uid(dir)), options);
  }

  @Test
  void allowedPeer_getsASignedResponse_andATokenThatVerifies() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan")); FramedConnection c = f.connect()) {
      String id = UUID.randomUUID().toString();
      TokenIssueRequest request = Wire.issueWithId(id, "vm-7", "net:update");
      TokenIssueResponse response = Wire.call(c, request);
      assertThat(response.result()).isEqualTo(TokenIssueResponse.Result.OK);
      assertThat(response.requestId()).isEqualTo(id);
      EnvelopeSignatures.verify(response, f.keySet, f.clock.instant(), SKEW, Duration.ZERO);
      TokenVerifier verifier = TokenVerifier.create(f.keySet, VerifierOptions.defaults().withoutRevocationList());
      CapabilityClaims claims = verifier.verify(response.token().orElseThrow().toByteArray(), "net:update", "net", f.clock.instant());
      assertThat(claims.subject()).isEqualTo("vm-7");
      assertThat(claims.nonce()).isEqualTo(request.nonce().toByteArray());
      assertThat(response.expiresAt()).contains(claims.expiresAt());
      assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofMinutes(5));

      AuditLog record = Wire.last(f.log);
      assertThat(record.action()).isEqualTo("token.issue");
      assertThat(record.actor()).isEqualTo("policy-pd");
      assertThat(record.target()).contains("vm-7");
      assertThat(record.result()).isEqualTo("ok");
      assertThat(Wire.meta(record, "request_id")).isEqualTo(id);
      assertThat(Wire.meta(record, "jti")).hasSize(32);
      EnvelopeSignatures.verify(record, f.keySet, f.clock.instant(), SKEW, Duration.ZERO);
    }
  }

  @Test
  void peerAskingForAnotherSubject_denied_andAudited() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan")); FramedConnection c = f.connect()) {
      TokenIssueResponse response = Wire.call(c, Wire.issue("vm-8", "net:update"));
      assertThat(response.result()).isEqualTo(TokenIssueResponse.Result.DENIED);
      assertThat(response.token()).isEmpty();
      EnvelopeSignatures.verify(response, f.keySet, f.clock.instant(), SKEW, Duration.ZERO);
      AuditLog record = Wire.last(f.log);
      assertThat(record.result()).isEqualTo("denied");
      assertThat(record.target()).contains("vm-8");
      assertThat(Wire.meta(record, "rule")).isEqualTo("peer-acl.subject-not-bound");
      assertThat(Wire.meta(record, "bound_subject")).isEqualTo("vm-7");
    }
  }

  @Test
  void scopeNotInTheAcl_orWithoutRequiredEvidence_deniedWithTheRule() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan")); FramedConnection c = f.connect()) {
      TokenIssueResponse notAllowed = Wire.call(c, Wire.issue("vm-7", "sign:bip340"));
      assertThat(notAllowed.result()).isEqualTo(TokenIssueResponse.Result.DENIED);
      assertThat(Wire.meta(Wire.last(f.log), "rule")).isEqualTo("acl.scope-not-allowed");
      assertThat(Wire.meta(Wire.last(f.log), "detail")).contains("sign:bip340");

      TokenIssueResponse noEvidence = Wire.call(c, Wire.issue("vm-7", "luks:unlock"));
      assertThat(noEvidence.result()).isEqualTo(TokenIssueResponse.Result.DENIED);
      assertThat(Wire.meta(Wire.last(f.log), "rule")).isEqualTo("scope.evidence-missing");
    }
  }

  @Test
  void overTheRequestBudget_rateLimited_untilTheNextMinute() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan").withRequestsPerPeerPerMinute(2));
        FramedConnection c = f.connect()) {
      for (int i = 0; i < 2; i++) {
        assertThat(Wire.<TokenIssueResponse>call(c, Wire.issue("vm-7", "net:update")).result())
            .isEqualTo(TokenIssueResponse.Result.OK);
      }
      TokenIssueResponse limited = Wire.call(c, Wire.issue("vm-7", "net:update"));
      assertThat(limited.result()).isEqualTo(TokenIssueResponse.Result.RATE_LIMITED);
      EnvelopeSignatures.verify(limited, f.keySet, f.clock.instant(), SKEW, Duration.ZERO);
      assertThat(Wire.last(f.log).result()).isEqualTo("rate_limited");
      f.clock.advance(Duration.ofMinutes(1));
      assertThat(Wire.<TokenIssueResponse>call(c, Wire.at(Wire.issue("vm-7", "net:update"), f.clock.instant())).result())
          .isEqualTo(TokenIssueResponse.Result.OK);
    }
  }
}
