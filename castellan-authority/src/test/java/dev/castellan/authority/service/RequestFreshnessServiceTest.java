package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.tokens.envelope.TotpValidateRequest;
import dev.castellan.tokens.envelope.TotpValidateResponse;
import dev.castellan.transport.FramedConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests must be fresh: a timestamp within the skew, a nonce never used before by the same peer. Over a real socket. */
class RequestFreshnessServiceTest {
  @TempDir Path dir;

  CryptodFixture start(CryptodOptions options) throws Exception {
    return new CryptodFixture(dir, """
        {"version": 1, "peers": [{"name": "pd", "unix": {"uid": %d}, "types": ["token_issue_req", "totp_validate_req"],
          "subject": "vm-7"}]}
        """.formatted(CryptodFixture.uid(dir)), options);
  }

  static TokenIssueRequest withId(TokenIssueRequest r) {
    return new TokenIssueRequest(UUID.randomUUID().toString(), r.vmId(), r.requestedScope(), r.justification(), r.nonce(),
        r.timestamp(), r.attestation(), r.metadata());
  }

  static String rule(CryptodFixture f) throws Exception {
    return Wire.meta(Wire.last(f.log), "rule");
  }

  @Test
  void timestampWithinTheSkew_accepted_beyondIt_deniedEitherWay() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan")); FramedConnection c = f.connect()) {
      TokenIssueRequest r = Wire.issue("vm-7", "net:update");
      assertThat(Wire.<TokenIssueResponse>call(c, Wire.at(r, CryptodFixture.NOW.minusSeconds(30))).result())
          .isEqualTo(TokenIssueResponse.Result.OK);
      for (Duration off : new Duration[] {Duration.ofSeconds(-31), Duration.ofSeconds(31), Duration.ofDays(-1)}) {
        TokenIssueResponse response = Wire.call(c, Wire.at(Wire.issue("vm-7", "net:update"), CryptodFixture.NOW.plus(off)));
        assertThat(response.result()).as("offset %s", off).isEqualTo(TokenIssueResponse.Result.DENIED);
        assertThat(rule(f)).isEqualTo("request.timestamp-outside-skew");
      }
    }
  }

  @Test
  void tokenRequestNonce_usedTwice_deniedTheSecondTime() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan")); FramedConnection c = f.connect()) {
      TokenIssueRequest r = Wire.issue("vm-7", "net:update");
      assertThat(Wire.<TokenIssueResponse>call(c, r).result()).isEqualTo(TokenIssueResponse.Result.OK);
      TokenIssueResponse again = Wire.call(c, withId(r)); // a new request id does not make it new
      assertThat(again.result()).isEqualTo(TokenIssueResponse.Result.DENIED);
      assertThat(again.token()).isEmpty();
      assertThat(rule(f)).isEqualTo("request.nonce-replayed");
    }
  }

  @Test
  void totpRequestNonce_usedTwice_replay_andTheCodeIsNotChecked() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan")); FramedConnection c = f.connect()) {
      TotpValidateRequest first = Wire.totp("alice", "console", f.code(0));
      assertThat(Wire.<TotpValidateResponse>call(c, first).result()).isEqualTo(TotpValidateResponse.Result.OK);
      TotpValidateRequest copy = new TotpValidateRequest(UUID.randomUUID().toString(), "alice", "console",
          dev.castellan.core.bytes.SecretBytes.copyOf(f.code(1).getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
          first.clientNonce(), first.timestamp(), first.attestationChain(), first.metadata());
      TotpValidateResponse response = Wire.call(c, copy);
      assertThat(response.result()).isEqualTo(TotpValidateResponse.Result.REPLAY);
      assertThat(response.capabilityToken()).isEmpty();
      AuditLog record = Wire.last(f.log);
      assertThat(record.result()).isEqualTo("replay");
      assertThat(Wire.meta(record, "rule")).isEqualTo("request.nonce-replayed");
    }
  }

  @Test
  void totpRequestWithAStaleTimestamp_fails_namingTheClock() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan")); FramedConnection c = f.connect()) {
      TotpValidateResponse response = Wire.call(c, Wire.at(Wire.totp("alice", "console", f.code(0)), CryptodFixture.NOW.minusSeconds(120)));
      assertThat(response.result()).isEqualTo(TotpValidateResponse.Result.FAIL);
      assertThat(response.reason().orElseThrow()).contains("clock");
      assertThat(rule(f)).isEqualTo("request.timestamp-outside-skew");
    }
  }

  @Test
  void nonceMemoryFull_rateLimited_untilItsNoncesCanBeForgotten() throws Exception {
    try (CryptodFixture f = start(CryptodOptions.defaults("castellan").withMaxRequestNonces(2)); FramedConnection c = f.connect()) {
      for (int i = 0; i < 2; i++) {
        assertThat(Wire.<TokenIssueResponse>call(c, Wire.issue("vm-7", "net:update")).result())
            .isEqualTo(TokenIssueResponse.Result.OK);
      }
      assertThat(Wire.<TokenIssueResponse>call(c, Wire.issue("vm-7", "net:update")).result())
          .isEqualTo(TokenIssueResponse.Result.RATE_LIMITED);
      assertThat(rule(f)).isEqualTo("service.nonce-cache-full");
      f.clock.advance(Duration.ofSeconds(31)); // the first two are past the skew: forgotten
      assertThat(Wire.<TokenIssueResponse>call(c, Wire.at(Wire.issue("vm-7", "net:update"), f.clock.instant())).result())
          .isEqualTo(TokenIssueResponse.Result.OK);
    }
  }
}
