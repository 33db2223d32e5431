package dev.castellan.attestation.simulator;

import dev.castellan.attestation.policy.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.NitroReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's documents verify with the production Nitro verifier, given the simulated root. */
class SimulatedNitroRoundTripTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir Path data;
  TestClock clock;
  SimulatorHome home;
  SimulatedNitroDevice device;
  NitroVerifier verifier;

  @BeforeEach
  void boot() throws Exception {
    clock = new TestClock(START);
    home = SimulatorHome.open(data, clock, new SecureRandom());
    Path jar = data.resolve("app.jar");
    Files.write(jar, "oracle".getBytes(StandardCharsets.US_ASCII));
    device = SimulatedNitroDevice.boot(home, BootMeasurements.of(jar, new byte[0]), clock, new SecureRandom());
    verifier = NitroVerifier.create(home.nitroTrustAnchors());
  }

  VerificationRequest at(Instant time, Freshness freshness) {
    return VerificationRequest.at(time, freshness);
  }

  @Test
  void verify_simulatedDocument_passesAndIsLabelledSimulated() throws Exception {
    byte[] nonce = device.randomBytes(32);
    byte[] userData = new byte[68];
    userData[0] = 0x12;
    byte[] keyHash = new byte[32];
    device.extend(16, keyHash);
    device.lock(16);
    Evidence evidence = device.attest(userData, nonce, null);

    AttestationResult result = verifier.verify(evidence, at(START.plusSeconds(5), Freshness.nonce(nonce)));

    assertThat(result.simulated()).isTrue();
    NitroClaims claims = (NitroClaims) result.claims();
    assertThat(claims.simulated()).isTrue();
    assertThat(claims.debug()).isFalse();
    assertThat(claims.moduleId()).isEqualTo(device.moduleId());
    assertThat(claims.timestamp()).isEqualTo(START);
    assertThat(claims.pcr(0).orElseThrow().toByteArray()).isEqualTo(device.pcr(0));
    assertThat(claims.pcr(16).orElseThrow().toByteArray()).isEqualTo(device.pcr(16));
    assertThat(claims.nonce().orElseThrow().toByteArray()).isEqualTo(nonce);
    assertThat(claims.userData().orElseThrow().toByteArray()).isEqualTo(userData);
    assertThat(claims.publicKey()).isEmpty();
  }

  @Test
  void verify_userDataAsReportData_binds() throws Exception {
    byte[] userData = "bound user data".getBytes(StandardCharsets.US_ASCII);
    Evidence evidence = device.attest(userData, null, null);
    verifier.verify(evidence, at(START, Freshness.reportData(userData)));
    assertThatThrownBy(() -> verifier.verify(evidence, at(START, Freshness.reportData(new byte[] {1}))))
        .isInstanceOf(AttestationException.class);
  }

  @Test
  void appraise_simulatedDocument_rejectedByDefault_acceptedOnlyForItsOwnPcr0() throws Exception {
    Evidence evidence = device.attest(new byte[] {1});
    AttestationResult result = verifier.verify(evidence, at(START, Freshness.nonce(new byte[] {1})));
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly(), result).accepted()).isFalse();

    AppraisalPolicy ownPcr0 =
        TestPolicies.rulesOnly()
            .withAcceptSimulated(true)
            .withNitro(new NitroReference(new TreeMap<>(Map.of(0, List.of(ByteString.of(device.pcr(0)))))));
    assertThat(Appraisal.appraise(ownPcr0, result).accepted()).isTrue();

    Path changedJar = data.resolve("changed.jar");
    Files.write(changedJar, "oracle, patched".getBytes(StandardCharsets.US_ASCII));
    SimulatedNitroDevice patched =
        SimulatedNitroDevice.boot(home, BootMeasurements.of(changedJar, new byte[0]), clock, new SecureRandom());
    AttestationResult patchedResult =
        verifier.verify(patched.attest(new byte[] {1}), at(START, Freshness.nonce(new byte[] {1})));
    assertThat(Appraisal.appraise(ownPcr0, patchedResult).accepted()).isFalse();
  }

  @Test
  void verify_otherNonce_throws() throws Exception {
    Evidence evidence = device.attest(new byte[] {1, 2, 3});
    assertThatThrownBy(() -> verifier.verify(evidence, at(START, Freshness.nonce(new byte[] {1, 2, 4}))))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("nonce");
  }

  @Test
  void verify_bundledAwsRootOnly_rejectsTheSimulatedDocument() throws Exception {
    Evidence evidence = device.attest(new byte[] {1});
    assertThatThrownBy(() -> NitroVerifier.create().verify(evidence, at(START, Freshness.nonce(new byte[] {1}))))
        .isInstanceOf(AttestationException.class);
    assertThatThrownBy(
            () ->
                NitroVerifier.create(TrustAnchors.bundled())
                    .verify(evidence, at(START, Freshness.nonce(new byte[] {1}))))
        .isInstanceOf(AttestationException.class);
  }

  @Test
  void verify_anotherInstallationsRoot_rejects() throws Exception {
    SimulatorHome other = SimulatorHome.open(data.resolve("other"), clock, new SecureRandom());
    Evidence evidence = device.attest(new byte[] {1});
    assertThatThrownBy(
            () -> NitroVerifier.create(other.nitroTrustAnchors()).verify(evidence, at(START, Freshness.nonce(new byte[] {1}))))
        .isInstanceOf(AttestationException.class);
  }

  @Test
  void verify_afterRestart_sameRootStillVerifiesNewBoots() throws Exception {
    SimulatorHome reopened = SimulatorHome.open(data, clock, new SecureRandom());
    Path jar = data.resolve("app.jar");
    SimulatedNitroDevice rebooted =
        SimulatedNitroDevice.boot(reopened, BootMeasurements.of(jar, new byte[0]), clock, new SecureRandom());
    Evidence evidence = rebooted.attest(new byte[] {9});
    AttestationResult result = verifier.verify(evidence, at(START, Freshness.nonce(new byte[] {9})));
    assertThat(((NitroClaims) result.claims()).pcr(0).orElseThrow().toByteArray()).isEqualTo(device.pcr(0));
  }

  @Test
  void verify_longRunningDevice_stillVerifiesAfterTheFirstLeafExpired() throws Exception {
    clock.advance(Duration.ofHours(5));
    Evidence evidence = device.attest(new byte[] {7});
    verifier.verify(evidence, at(clock.instant().plusSeconds(1), Freshness.nonce(new byte[] {7})));
  }

  @Test
  void appraise_staleDocument_failsMaxAge() throws Exception {
    Evidence evidence = device.attest(new byte[] {7});
    AttestationResult stale =
        verifier.verify(evidence, at(START.plus(Duration.ofMinutes(10)), Freshness.nonce(new byte[] {7})));
    AppraisalPolicy policy = TestPolicies.rulesOnly().withAcceptSimulated(true);
    assertThat(Appraisal.appraise(policy, stale).failures())
        .extracting(dev.castellan.attestation.Check::name).containsExactly("policy.nitro.max-age");
  }

  @Test
  void verify_everySingleByteFlip_throwsAttestationException() throws Exception {
    byte[] nonce = new byte[] {4, 2};
    byte[] document = device.attestationDocument(new byte[] {1}, nonce, new byte[] {3});
    VerificationRequest request = at(START, Freshness.nonce(nonce));
    verifier.verify(Evidence.of(Platform.NITRO, document), request);
    List<Integer> accepted = new ArrayList<>();
    for (int offset = 0; offset < document.length; offset++) {
      byte[] flipped = document.clone();
      flipped[offset] ^= 0x01;
      try {
        verifier.verify(Evidence.of(Platform.NITRO, flipped), request);
        accepted.add(offset);
      } catch (AttestationException expected) {
        // every flip must be caught
      }
    }
    assertThat(accepted).as("offsets whose flip still verified, of %d", document.length).isEmpty();
  }
}
