package dev.castellan.attestation.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.NitroReference;
import dev.castellan.attestation.policy.TestPolicies;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.testkit.Failures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's boot knobs (PCR0-15 values, module id, timestamp through the clock), each
 * through the production verifier and appraisal: the value set is the value appraised.
 */
class SimulatedNitroKnobsTest {
  static final Instant SIGNED = Instant.parse("2026-06-01T12:00:00Z");
  static final byte[] NONCE = {5, 5};

  @TempDir Path data;
  SimulatorHome home;
  BootMeasurements measurements;
  NitroVerifier verifier;
  AppraisalPolicy simulated;

  @BeforeEach
  void setUp() throws Exception {
    home = SimulatorHome.open(data, Clock.fixed(SIGNED, ZoneOffset.UTC), new SecureRandom());
    Path jar = data.resolve("app.jar");
    Files.write(jar, "knobs".getBytes(StandardCharsets.US_ASCII));
    measurements = BootMeasurements.of(jar, new byte[0]);
    verifier = NitroVerifier.create(home.nitroTrustAnchors());
    simulated = TestPolicies.rulesOnly().withAcceptSimulated(true);
  }

  private SimulatedNitroDevice boot(SimulatedNitroDevice.BootOptions options, Instant at) {
    return SimulatedNitroDevice.boot(home, measurements, Clock.fixed(at, ZoneOffset.UTC), new SecureRandom(), options);
  }

  private AttestationResult verify(SimulatedNitroDevice device, Instant at) throws Exception {
    return verifier.verify(device.attest(NONCE), VerificationRequest.at(at, Freshness.nonce(NONCE)));
  }

  private static ByteString value(int seed) {
    return ByteString.of(HashAlgorithm.SHA_384.hash(new byte[] {(byte) seed}));
  }

  @Test
  void bootOptions_pcr0To8_areReportedAndAppraised() {
    Failures failures = new Failures();
    for (int i = 0; i <= 8; i++) {
      int index = i;
      failures.check("PCR" + i, () -> {
        SimulatedNitroDevice device = boot(SimulatedNitroDevice.BootOptions.defaults().withPcr(index, value(index)), SIGNED);
        AttestationResult result = verify(device, SIGNED);
        assertThat(((NitroClaims) result.claims()).pcr(index)).contains(value(index));
        assertThat(Appraisal.appraise(simulated.withNitro(NitroReference.any().withPcr(index, List.of(value(index)))),
            result).accepted()).isTrue();
        Verdict other = Appraisal.appraise(
            simulated.withNitro(NitroReference.any().withPcr(index, List.of(value(index + 100)))), result);
        assertThat(other.failures()).extracting(Check::name)
            .containsExactly(index == 0 ? "policy.nitro.measurement" : "policy.nitro.pcr." + index);
      });
    }
    failures.assertNone(9);
  }

  @Test
  void bootOptions_zeroPcr0To2_isDebugMode() throws Exception {
    ByteString zero = ByteString.of(new byte[48]);
    SimulatedNitroDevice device = boot(SimulatedNitroDevice.BootOptions.defaults()
        .withPcr(0, zero).withPcr(1, zero).withPcr(2, zero), SIGNED);
    Verdict verdict = Appraisal.appraise(simulated, verify(device, SIGNED));
    assertThat(verdict.failures()).extracting(Check::name).containsExactly("policy.debug");
  }

  @Test
  void bootOptions_moduleId_isReportedAndMatchedByTheGlob() throws Exception {
    String id = "i-0123456789abcdef0-enc0123456789abcdef";
    SimulatedNitroDevice device = boot(SimulatedNitroDevice.BootOptions.defaults().withModuleId(id), SIGNED);
    assertThat(device.moduleId()).isEqualTo(id);
    AttestationResult result = verify(device, SIGNED);
    assertThat(((NitroClaims) result.claims()).moduleId()).isEqualTo(id);
    assertThat(Appraisal.appraise(simulated.withNitro(NitroReference.any().withModuleId("i-0123456789abcdef0-enc*")),
        result).accepted()).isTrue();
    assertThat(Appraisal.appraise(simulated.withNitro(NitroReference.any().withModuleId("i-0fff*")), result)
        .failures()).extracting(Check::name).containsExactly("policy.nitro.module-id");
    assertThat(boot(SimulatedNitroDevice.BootOptions.defaults(), SIGNED).moduleId()).startsWith("sim-");
  }

  @Test
  void chosenTimestamp_isAppraisedAgainstTheVerificationTime() throws Exception {
    Instant archived = SIGNED.plus(Duration.ofDays(40));
    SimulatedNitroDevice device = boot(SimulatedNitroDevice.BootOptions.defaults(), archived);
    AttestationResult atItsTime = verify(device, archived.plusSeconds(30));
    assertThat(((NitroClaims) atItsTime.claims()).timestamp()).isEqualTo(archived);
    assertThat(Appraisal.appraise(simulated, atItsTime).accepted()).isTrue();
    AttestationResult later = verify(device, archived.plus(Duration.ofMinutes(30)));
    assertThat(Appraisal.appraise(simulated, later).failures()).extracting(Check::name)
        .containsExactly("policy.nitro.max-age");
    assertThat(Appraisal.appraise(simulated.withNitro(NitroReference.any().withMaxAge(Duration.ofHours(1))), later)
        .accepted()).isTrue();
  }

  @Test
  void bootOptions_outOfRange_throw() {
    var defaults = SimulatedNitroDevice.BootOptions.defaults();
    assertThatThrownBy(() -> defaults.withPcr(16, value(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withPcr(-1, value(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withPcr(3, ByteString.of(new byte[32]))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withModuleId("")).isInstanceOf(IllegalArgumentException.class);
  }
}
