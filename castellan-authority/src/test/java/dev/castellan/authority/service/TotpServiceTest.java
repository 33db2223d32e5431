package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.tokens.envelope.TotpValidateResponse;
import dev.castellan.tokens.envelope.TotpValidateResponse.Result;
import dev.castellan.transport.FramedConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** totp_validate_req over a real Unix socket: ok with a token, fail, replay, rate limited by the transport peer. */
class TotpServiceTest {
  @TempDir Path dir;

  CryptodFixture start() throws Exception {
    return new CryptodFixture(dir, """
        {"version": 1, "peers": [{"name": "unlocker", "unix": {"uid": %d}, "types": ["totp_validate_req"], "audience": "console"}]}
        """.formatted(CryptodFixture.uid(dir)), CryptodOptions.defaults("castellan"));
  }

  static String wrong(String code) {
    char last = code.charAt(code.length() - 1);
    return code.substring(0, code.length() - 1) + (char) (last == '9' ? '0' : last + 1);
  }

  @Test
  void ok_withTheConsolesEphemeralKey_sealsAFreshKeyToIt_forThisRequestOnly() throws Exception {
    dev.castellan.core.hpke.HpkePrivateKey console =
        dev.castellan.core.hpke.Hpke.generateKeyPair(dev.castellan.core.hpke.HpkeKem.DHKEM_X25519_HKDF_SHA256);
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      dev.castellan.tokens.envelope.TotpValidateRequest plain = Wire.totp("alice", "console-1", f.code(0));
      dev.castellan.tokens.envelope.TotpValidateRequest request = new dev.castellan.tokens.envelope.TotpValidateRequest(
          plain.requestId(), plain.operatorId(), plain.deviceId(), plain.totpCode(), plain.clientNonce(), plain.timestamp(),
          java.util.Optional.empty(), java.util.Optional.of(dev.castellan.core.cbor.CborMap.builder()
              .put(EphemeralKey.METADATA_KEY, dev.castellan.core.cbor.CborBytes.of(console.publicKey().toBytes())).build()));
      TotpValidateResponse ok = Wire.call(c, request);
      assertThat(ok.result()).isEqualTo(Result.OK);
      EnvelopeSignatures.verify(ok, f.keySet, f.clock.instant(), Duration.ofSeconds(30), Duration.ZERO);
      byte[] key = EphemeralKey.open(ok.ephemeralKey().orElseThrow(), console, request.requestId());
      assertThat(key).hasSize(EphemeralKey.KEY_BYTES);
      assertThat(f.ephemeralDraws).as("drawn from the DRBG cryptod was given").hasPositiveValue();
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> EphemeralKey.open(ok.ephemeralKey().orElseThrow(), console, java.util.UUID.randomUUID().toString()))
          .as("bound to its request id").isInstanceOf(dev.castellan.core.hpke.HpkeException.class);
      assertThat(Wire.meta(Wire.last(f.log), "ephemeral_key")).isEqualTo("sent");
      // Without a console key, nothing is sealed.
      TotpValidateResponse none = Wire.call(c, Wire.totp("carol", "console-1", f.code(0)));
      assertThat(none.ephemeralKey()).isEmpty();
    }
  }

  @Test
  void ok_yieldsASignedTokenForTheOperatorsScopes_thenTheSameCodeIsAReplay() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      String code = f.code(0);
      TotpValidateResponse ok = Wire.call(c, Wire.totp("alice", "console-1", code));
      assertThat(ok.result()).isEqualTo(Result.OK);
      EnvelopeSignatures.verify(ok, f.keySet, f.clock.instant(), Duration.ofSeconds(30), Duration.ZERO);
      TokenVerifier verifier = TokenVerifier.create(f.keySet, VerifierOptions.defaults().withoutRevocationList());
      CapabilityClaims claims = verifier.verify(ok.capabilityToken().orElseThrow().toByteArray(), "net:update", "console",
          f.clock.instant());
      assertThat(claims.subject()).isEqualTo("alice");
      assertThat(ok.expiresAt()).contains(claims.expiresAt());
      AuditLog record = Wire.last(f.log);
      assertThat(record.action()).isEqualTo("totp.validate");
      assertThat(record.result()).isEqualTo("ok");
      assertThat(record.target()).contains("alice");
      assertThat(Wire.meta(record, "capability")).startsWith("jti:");
      assertThat(Wire.meta(record, "device")).startsWith("unix.uid-");
      assertThat(Wire.meta(record, "claimed_device")).isEqualTo("console-1");

      TotpValidateResponse replay = Wire.call(c, Wire.totp("alice", "console-1", code));
      assertThat(replay.result()).isEqualTo(Result.REPLAY);
      assertThat(replay.capabilityToken()).isEmpty();
      assertThat(Wire.last(f.log).result()).isEqualTo("replay");
      assertNoCodeInTheLog(f, List.of(code));
    }
  }

  @Test
  void wrongCodes_fail_thenRateLimited_evenWhenTheRequestNamesAnotherDevice() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      List<String> codes = new ArrayList<>();
      for (int i = 0; i < 5; i++) { // RateLimitPolicy.defaults(): 5 failures, then a lockout
        String code = wrong(f.code(0)) ;
        codes.add(code);
        TotpValidateResponse fail = Wire.call(c, Wire.totp("bob-" + i, "console-" + i, code));
        assertThat(fail.result()).isEqualTo(Result.FAIL);
        assertThat(Wire.last(f.log).result()).isEqualTo("fail");
      }
      // the device is the transport peer: a new device_id and a new operator do not escape the lockout
      String good = f.code(0);
      codes.add(good);
      TotpValidateResponse limited = Wire.call(c, Wire.totp("alice", "fresh-device", good));
      assertThat(limited.result()).isEqualTo(Result.RATE_LIMITED);
      assertThat(limited.capabilityToken()).isEmpty();
      AuditLog record = Wire.last(f.log);
      assertThat(record.result()).isEqualTo("rate_limited");
      assertThat(Wire.meta(record, "retry_at")).isNotNull();

      f.clock.advance(Duration.ofSeconds(31)); // past the 30 s lockout
      String next = f.code(0);
      codes.add(next);
      assertThat(Wire.<TotpValidateResponse>call(c, Wire.at(Wire.totp("alice", "fresh-device", next), f.clock.instant())).result())
          .isEqualTo(Result.OK);
      assertNoCodeInTheLog(f, codes);
    }
  }

  @Test
  void ok_forAnOperatorNotInTheAcl_acceptsTheCode_butIssuesNothing() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      TotpValidateResponse ok = Wire.call(c, Wire.totp("carol", "console-1", f.code(0)));
      assertThat(ok.result()).isEqualTo(Result.OK);
      assertThat(ok.capabilityToken()).isEmpty();
      assertThat(ok.expiresAt()).isEmpty();
      assertThat(ok.reason()).contains("code accepted; no capability (acl.subject-unknown)");
      assertThat(Wire.meta(Wire.last(f.log), "capability")).isEqualTo("none:acl.subject-unknown");
    }
  }

  /** Searches every record's bytes, decoded and raw, for each code string. */
  static void assertNoCodeInTheLog(CryptodFixture f, List<String> codes) throws Exception {
    for (long i = 0; i < f.log.size(); i++) {
      String raw = new String(f.log.recordBytes(i), StandardCharsets.ISO_8859_1);
      String data = new String(f.log.record(i).data(), StandardCharsets.ISO_8859_1);
      for (String code : codes) {
        assertThat(raw).as("record %d", i).doesNotContain(code);
        assertThat(data).as("record %d", i).doesNotContain(code);
      }
    }
  }
}
