package dev.castellan.authority.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.VerifierSet;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.authority.acl.ScopePolicies;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import dev.castellan.tokens.envelope.AuditLog;
import dev.castellan.tokens.envelope.ByteString;
import dev.castellan.tokens.envelope.EvidenceChallenge;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import dev.castellan.tokens.envelope.TokenIssueResponse;
import dev.castellan.tokens.envelope.TokenIssueResponse.Result;
import dev.castellan.transport.FramedConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scope that requires evidence, over a real Unix socket: a challenge token first, then real
 * simulated Nitro evidence on the challenge's binding, verified by the production verifier and
 * appraised against the scope's policy. One test per way it must fail.
 */
class EvidenceServiceTest {
  @TempDir Path dir;
  SimulatorHome home;
  SimulatedNitroDevice device;

  @BeforeEach
  void boot() throws Exception {
    Path sim = dir.resolve("sim");
    home = SimulatorHome.open(sim, new TestClock(CryptodFixture.NOW), new SecureRandom());
    Path jar = sim.resolve("vm-7.jar");
    Files.write(jar, "vm-7".getBytes(StandardCharsets.US_ASCII));
    device = SimulatedNitroDevice.boot(home, BootMeasurements.of(jar, new byte[0]), new TestClock(CryptodFixture.NOW),
        new SecureRandom());
  }

  CryptodFixture start(String pcr0Hex, boolean withVerifiers) throws Exception {
    ScopePolicies policies = ScopePolicies.fromJson(("{\"version\": 1, \"scopes\": {\"luks:unlock\": {\"appraisalPolicy\":"
        + " {\"acceptSimulated\": true, \"nitro\": {\"pcrs\": {\"0\": [\"" + pcr0Hex + "\"]}}}}}}").getBytes(StandardCharsets.UTF_8));
    CryptodOptions options = CryptodOptions.defaults("castellan");
    if (withVerifiers) {
      options = options.withEvidenceVerifiers(VerifierSet.of(NitroVerifier.create(home.nitroTrustAnchors())));
    }
    return new CryptodFixture(dir, """
        {"version": 1, "peers": [{"name": "policy-pd", "unix": {"uid": %d}, "types": ["token_issue_req"],
          "subject": "vm-7", "audience": "luks"}]}
        """.formatted(CryptodFixture.uid(dir)), options, null, true, policies);
  }

  CryptodFixture start() throws Exception {
    return start(Hex.encode(device.pcr(0)), true);
  }

  static byte[] challenge(FramedConnection c) throws Exception {
    TokenIssueResponse response = Wire.call(c, Wire.issue("vm-7", EvidenceChallenge.SCOPE));
    assertThat(response.result()).isEqualTo(Result.OK);
    return response.token().orElseThrow().toByteArray();
  }

  /** The unlock request returning {@code challenge}, with Nitro evidence whose nonce is {@code bound}. */
  TokenIssueRequest unlock(byte[] challenge, byte[] bound) throws Exception {
    byte[] evidence = device.attest(new byte[0], bound, null).bytes();
    return new TokenIssueRequest(UUID.randomUUID().toString(), "vm-7", List.of("luks:unlock"), "boot", Wire.nonce(),
        CryptodFixture.NOW, Optional.of(ByteString.of(evidence)),
        Optional.of(CborMap.builder().put(EvidenceChallenge.METADATA_KEY, CborBytes.of(challenge)).build()));
  }

  TokenIssueRequest unlock(byte[] challenge) throws Exception {
    return unlock(challenge, EvidenceChallenge.binding(challenge));
  }

  static String deniedRule(CryptodFixture f, FramedConnection c, TokenIssueRequest request) throws Exception {
    TokenIssueResponse response = Wire.call(c, request);
    assertThat(response.result()).isEqualTo(Result.DENIED);
    assertThat(response.token()).isEmpty();
    AuditLog record = Wire.last(f.log);
    assertThat(record.result()).isEqualTo("denied");
    return Wire.meta(record, "rule");
  }

  @Test
  void challenge_isATokenForTheAuthorityItself_withAFreshNonceOfItsChoosing() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      CapabilityClaims first = CapabilityToken.decode(challenge(c)).claims();
      CapabilityClaims second = CapabilityToken.decode(challenge(c)).claims();
      assertThat(first.subject()).isEqualTo("vm-7");
      assertThat(first.scope()).containsExactly(EvidenceChallenge.SCOPE);
      assertThat(first.audience()).containsExactly(EvidenceChallenge.AUDIENCE);
      assertThat(Duration.between(first.issuedAt(), first.expiresAt())).isEqualTo(Duration.ofSeconds(60));
      assertThat(first.nonce()).hasSize(32).isNotEqualTo(second.nonce());
    }
  }

  @Test
  void evidenceOnTheChallenge_meetingThePolicy_granted() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      TokenIssueResponse response = Wire.call(c, unlock(challenge(c)));
      assertThat(response.result()).isEqualTo(Result.OK);
      CapabilityClaims claims = TokenVerifier.create(f.keySet, VerifierOptions.defaults().withoutRevocationList())
          .verify(response.token().orElseThrow().toByteArray(), "luks:unlock", "luks", f.clock.instant());
      assertThat(claims.subject()).isEqualTo("vm-7");
      assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofSeconds(60));
      AuditLog record = Wire.last(f.log);
      assertThat(record.result()).isEqualTo("ok");
      assertThat(Wire.meta(record, "evidence")).isEqualTo("nitro,simulated");
    }
  }

  @Test
  void unlockScope_withoutEvidence_denied() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      assertThat(deniedRule(f, c, Wire.issue("vm-7", "luks:unlock"))).isEqualTo("scope.evidence-missing");
    }
  }

  @Test
  void evidenceWithoutAChallenge_denied() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      TokenIssueRequest r = unlock(challenge(c));
      TokenIssueRequest withoutChallenge = new TokenIssueRequest(r.requestId(), r.vmId(), r.requestedScope(), r.justification(),
          r.nonce(), r.timestamp(), r.attestation(), Optional.empty());
      assertThat(deniedRule(f, c, withoutChallenge)).isEqualTo("evidence.challenge-missing");
    }
  }

  @Test
  void challengeUsedTwice_deniedTheSecondTime() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      byte[] challenge = challenge(c);
      assertThat(Wire.<TokenIssueResponse>call(c, unlock(challenge)).result()).isEqualTo(Result.OK);
      assertThat(deniedRule(f, c, unlock(challenge))).isEqualTo("evidence.challenge-replayed-token-id");
    }
  }

  @Test
  void expiredChallenge_denied() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      byte[] challenge = challenge(c);
      f.clock.advance(Duration.ofSeconds(EvidenceChallenge.LIFETIME_SECONDS + 31));
      TokenIssueRequest late = Wire.at(unlock(challenge), f.clock.instant());
      assertThat(deniedRule(f, c, late)).isEqualTo("evidence.challenge-expired");
    }
  }

  @Test
  void challengeOfAnotherSubject_denied() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      byte[] theirs = f.authority.challenge("vm-8").token();
      assertThat(deniedRule(f, c, unlock(theirs))).isEqualTo("evidence.challenge-subject");
    }
  }

  @Test
  void tamperedChallenge_denied() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      byte[] challenge = challenge(c);
      challenge[challenge.length - 1] ^= 1; // the signature's last byte
      assertThat(deniedRule(f, c, unlock(challenge))).isEqualTo("evidence.challenge-signature");
    }
  }

  @Test
  void evidenceBoundToAnotherValue_denied() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      byte[] challenge = challenge(c);
      byte[] other = EvidenceChallenge.binding(challenge(c)); // made for a different challenge
      assertThat(deniedRule(f, c, unlock(challenge, other))).isEqualTo("evidence.nitro.nonce");
    }
  }

  @Test
  void evidenceFailingTheScopesPolicy_denied() throws Exception {
    try (CryptodFixture f = start("00".repeat(48), true); FramedConnection c = f.connect()) {
      assertThat(deniedRule(f, c, unlock(challenge(c)))).isEqualTo("scope.evidence-rejected");
      assertThat(Wire.meta(Wire.last(f.log), "detail")).contains("policy.nitro.measurement");
    }
  }

  @Test
  void noVerifierConfigured_evidenceRefused() throws Exception {
    try (CryptodFixture f = start(Hex.encode(device.pcr(0)), false); FramedConnection c = f.connect()) {
      assertThat(deniedRule(f, c, unlock(challenge(c)))).isEqualTo("evidence.evidence.platform");
    }
  }

  @Test
  void challengeWithAnotherScope_denied() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      assertThat(deniedRule(f, c, Wire.issue("vm-7", EvidenceChallenge.SCOPE, "net:update")))
          .isEqualTo("request.challenge-not-alone");
    }
  }

  @Test
  void garbageEvidence_denied() throws Exception {
    try (CryptodFixture f = start(); FramedConnection c = f.connect()) {
      byte[] challenge = challenge(c);
      TokenIssueRequest r = unlock(challenge);
      byte[] junk = new byte[200];
      Arrays.fill(junk, (byte) 7);
      TokenIssueRequest garbage = new TokenIssueRequest(r.requestId(), r.vmId(), r.requestedScope(), r.justification(),
          r.nonce(), r.timestamp(), Optional.of(ByteString.of(junk)), r.metadata());
      assertThat(deniedRule(f, c, garbage)).isEqualTo("evidence.evidence.format");
    }
  }
}
