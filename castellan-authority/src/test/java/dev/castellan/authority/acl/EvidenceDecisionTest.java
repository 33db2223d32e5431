package dev.castellan.authority.acl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.authority.totp.MutableClock;
import dev.castellan.core.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scopes that require evidence, with real simulated Nitro evidence verified by the production
 * verifier and appraised against the scope's embedded policy.
 */
class EvidenceDecisionTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir Path data;
  MutableClock clock;
  SimulatorHome home;
  SimulatedNitroDevice device;
  final Acl acl = Acl.of(Map.of("vm-7", Set.of(Scope.of("luks:unlock"), Scope.of("net:update"))));

  @BeforeEach
  void boot() throws Exception {
    clock = new MutableClock(START);
    home = SimulatorHome.open(data, clock, new SecureRandom());
    Path jar = data.resolve("unlocker.jar");
    Files.write(jar, "unlocker".getBytes(StandardCharsets.US_ASCII));
    device = SimulatedNitroDevice.boot(home, BootMeasurements.of(jar, new byte[0]), clock, new SecureRandom());
  }

  /** Evidence as the authority would have it: a fresh nonce of its choosing, verified now. */
  AttestationResult freshEvidence() throws Exception {
    byte[] nonce = device.randomBytes(32);
    return NitroVerifier.create(home.nitroTrustAnchors())
        .verify(device.attest(new byte[0], nonce, null), VerificationRequest.at(clock.instant(), Freshness.nonce(nonce)));
  }

  AccessPolicy policyPinning(String pcr0Hex, boolean acceptSimulated) throws Exception {
    ScopePolicies policies = ScopePolicies.fromJson(AclTest.json(
        "{'version': 1, 'scopes': {'luks:unlock': {'appraisalPolicy': {'acceptSimulated': " + acceptSimulated
            + ", 'nitro': {'pcrs': {'0': ['" + pcr0Hex + "']}}}}}}"));
    return new AccessPolicy(acl, policies);
  }

  @Test
  void decide_evidenceMeetingTheScopesPolicy_granted60s() throws Exception {
    AccessPolicy policy = policyPinning(Hex.encode(device.pcr(0)), true);
    Decision decision = policy.decide(AccessRequest.of("vm-7", "luks:unlock").withEvidence(freshEvidence()));
    assertThat(decision).isInstanceOf(Decision.Grant.class);
    assertThat(((Decision.Grant) decision).lifetime()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void decide_wrongMeasurement_deniedNamingTheFailedCheck() throws Exception {
    AccessPolicy policy = policyPinning("00".repeat(48), true);
    Decision.Deny deny = AccessPolicyTest.denied(
        policy.decide(AccessRequest.of("vm-7", "luks:unlock").withEvidence(freshEvidence())), DenyReason.EVIDENCE_REJECTED);
    assertThat(deny.detail()).contains("luks:unlock").contains("policy.nitro.measurement");
  }

  @Test
  void decide_simulatedEvidenceUnderAPolicyThatRefusesIt_denied() throws Exception {
    AccessPolicy policy = policyPinning(Hex.encode(device.pcr(0)), false);
    Decision.Deny deny = AccessPolicyTest.denied(
        policy.decide(AccessRequest.of("vm-7", "luks:unlock").withEvidence(freshEvidence())), DenyReason.EVIDENCE_REJECTED);
    assertThat(deny.detail()).contains("policy.simulated");
  }

  @Test
  void decide_staleEvidence_deniedByTheNitroMaxAge() throws Exception {
    AccessPolicy policy = policyPinning(Hex.encode(device.pcr(0)), true);
    byte[] nonce = device.randomBytes(32);
    var evidence = device.attest(new byte[0], nonce, null);
    AttestationResult late = NitroVerifier.create(home.nitroTrustAnchors())
        .verify(evidence, VerificationRequest.at(clock.instant().plus(Duration.ofMinutes(10)), Freshness.nonce(nonce)));
    Decision.Deny deny = AccessPolicyTest.denied(
        policy.decide(AccessRequest.of("vm-7", "luks:unlock").withEvidence(late)), DenyReason.EVIDENCE_REJECTED);
    assertThat(deny.detail()).contains("max-age");
  }

  @Test
  void decide_defaultUnlockPolicy_refusesEvenValidSimulatedEvidence() throws Exception {
    AccessPolicy policy = new AccessPolicy(acl, ScopePolicies.defaults());
    AccessPolicyTest.denied(
        policy.decide(AccessRequest.of("vm-7", "luks:unlock").withEvidence(freshEvidence())), DenyReason.EVIDENCE_REJECTED);
  }

  @Test
  void decide_scopeWithoutEvidenceRule_ignoresTheEvidence() throws Exception {
    AccessPolicy policy = policyPinning("00".repeat(48), true);
    assertThat(policy.decide(AccessRequest.of("vm-7", "net:update").withEvidence(freshEvidence())).granted()).isTrue();
  }
}
