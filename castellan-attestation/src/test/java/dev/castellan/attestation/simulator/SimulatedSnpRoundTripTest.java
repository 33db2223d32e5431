package dev.castellan.attestation.simulator;

import dev.castellan.attestation.policy.TestPolicies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.snp.SnpVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's reports verify with the production SEV-SNP verifier, given the simulated ARK and ASK. */
class SimulatedSnpRoundTripTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir static Path data;
  static SimulatorHome home;
  static SimulatedSnpAttester attester;
  static SnpVerifier verifier;

  @BeforeAll
  static void create() throws Exception {
    home = SimulatorHome.open(data, new TestClock(START), new SecureRandom());
    Path jar = data.resolve("app.jar");
    Files.write(jar, "oracle".getBytes(StandardCharsets.US_ASCII));
    attester = SimulatedSnpAttester.create(home, BootMeasurements.of(jar, new byte[0]), new SecureRandom());
    verifier = SnpVerifier.create(home.snpTrustAnchors());
  }

  static byte[] challenge() {
    byte[] value = new byte[64];
    new SecureRandom().nextBytes(value);
    return value;
  }

  VerificationRequest request(byte[] expected) {
    return VerificationRequest.at(START.plusSeconds(60), Freshness.reportData(expected))
        .withCollateral(attester.collateral());
  }

  @Test
  void verify_simulatedReport_passesAndIsLabelledSimulated() throws Exception {
    byte[] challenge = challenge();
    AttestationResult result = verifier.verify(attester.attest(challenge), request(challenge));

    assertThat(result.simulated()).isTrue();
    SnpClaims claims = (SnpClaims) result.claims();
    assertThat(claims.simulated()).isTrue();
    assertThat(claims.debug()).isFalse();
    assertThat(claims.vmpl()).isZero();
    assertThat(claims.version()).isEqualTo(3);
    assertThat(claims.reportData().toByteArray()).isEqualTo(challenge);
    assertThat(claims.measurement().toByteArray()).isEqualTo(attester.measurement());
    assertThat(claims.chipId().toByteArray()).isEqualTo(attester.chipId());
    assertThat(claims.productName()).isEqualTo("Milan-B0");
    assertThat(claims.reportedTcb().snp()).isEqualTo(SimulatedAmdCa.SNP_SPL);
  }

  @Test
  void appraise_simulatedReport_rejectedByDefault_acceptedWhenThePolicyAllowsSimulation() throws Exception {
    byte[] challenge = challenge();
    AttestationResult result = verifier.verify(attester.attest(challenge), request(challenge));
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly(), result).accepted()).isFalse();
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly().withAcceptSimulated(true), result).accepted())
        .isTrue();
  }

  @Test
  void verify_otherReportData_throws() throws Exception {
    Evidence evidence = attester.attest(challenge());
    assertThatThrownBy(() -> verifier.verify(evidence, request(challenge())))
        .isInstanceOf(AttestationException.class);
  }

  @Test
  void verify_bundledAmdRootsOnly_rejectsTheSimulatedReport() throws Exception {
    byte[] challenge = challenge();
    Evidence evidence = attester.attest(challenge);
    assertThatThrownBy(() -> SnpVerifier.create(TrustAnchors.bundled()).verify(evidence, request(challenge)))
        .isInstanceOf(AttestationException.class);
  }

  @Test
  void verify_everySingleByteFlip_throwsAttestationException() throws Exception {
    byte[] challenge = challenge();
    byte[] report = attester.report(challenge);
    List<String> accepted = new ArrayList<>();
    for (int offset = 0; offset < report.length; offset++) {
      byte[] flipped = report.clone();
      flipped[offset] ^= 0x01;
      try {
        verifier.verify(Evidence.of(Platform.SEV_SNP, flipped), request(challenge));
        accepted.add(String.format("0x%03X", offset));
      } catch (AttestationException expected) {
        // every flip must be caught
      }
    }
    assertThat(accepted).as("offsets whose flip still verified").isEmpty();
  }
}
