package dev.castellan.attestation.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.SnpClaims.Tcb;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.SnpReference;
import dev.castellan.attestation.policy.TestPolicies;
import dev.castellan.attestation.snp.SnpVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each SEV-SNP simulator knob, through the production verifier and appraisal. */
class SimulatedSnpKnobsTest {
  static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir static Path data;
  static SimulatedSnpAttester attester;
  static SnpVerifier verifier;

  @BeforeAll
  static void create() throws Exception {
    SimulatorHome home = SimulatorHome.open(data, new TestClock(START), new SecureRandom());
    Path jar = data.resolve("app.jar");
    Files.write(jar, "oracle".getBytes(StandardCharsets.US_ASCII));
    attester = SimulatedSnpAttester.create(home, BootMeasurements.of(jar, new byte[0]), new SecureRandom());
    verifier = SnpVerifier.create(home.snpTrustAnchors());
  }

  static AttestationResult verify(SimulatedSnpAttester a) throws Exception {
    byte[] challenge = new byte[64];
    new SecureRandom().nextBytes(challenge);
    return verifier.verify(a.attest(challenge), VerificationRequest.at(START.plusSeconds(60),
        Freshness.reportData(challenge)).withCollateral(a.collateral()));
  }

  static SnpClaims claims(SimulatedSnpAttester a) throws Exception {
    return (SnpClaims) verify(a).claims();
  }

  /** Names of the failing checks of {@code a}'s report under {@code reference}. */
  static List<String> failed(SimulatedSnpAttester a, SnpReference reference) throws Exception {
    return Appraisal.appraise(TestPolicies.rulesOnly().withAcceptSimulated(true).withSnp(reference), verify(a))
        .failures().stream().map(Check::name).toList();
  }

  static byte[] filled(int length, int value) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) value);
    return out;
  }

  @Test
  void defaults_verifyAndPassTheStrictRules() throws Exception {
    assertThat(failed(attester, SnpReference.any())).isEmpty();
  }

  @Test
  void guestPolicy_migrationAgentDebugAbiAndSmt_areAppraised() throws Exception {
    SimulatedSnpAttester ma = attester.withGuestPolicy(0x30000L | 1L << 18);
    assertThat(claims(ma).policy().migrationAgentAllowed()).isTrue();
    assertThat(failed(ma, SnpReference.any())).containsExactly("policy.snp.migration-agent");
    assertThat(failed(ma, SnpReference.any().withAllowMigrationAgent(true))).isEmpty();

    assertThat(failed(attester.withGuestPolicy(0x30000L | 1L << 19), SnpReference.any()))
        .containsExactly("policy.debug");

    SimulatedSnpAttester abi = attester.withGuestPolicy(0x30000L | 1 << 8 | 51);
    assertThat(failed(abi, SnpReference.any().withMinimumAbi(1, 51))).isEmpty();
    assertThat(failed(abi, SnpReference.any().withMinimumAbi(1, 52))).containsExactly("policy.snp.abi");
    assertThat(failed(abi, SnpReference.any().withMinimumAbi(2, 0))).containsExactly("policy.snp.abi");

    assertThat(failed(attester.withGuestPolicy(0x20000L), SnpReference.any().withAllowSmt(false))).isEmpty();
    assertThat(failed(attester, SnpReference.any().withAllowSmt(false))).containsExactly("policy.snp.smt");
  }

  @Test
  void guestPolicy_reservedBits_areMalformedEvidenceThoughSigned() {
    assertThatThrownBy(() -> verify(attester.withGuestPolicy(0x10000L)))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("POLICY bit 17 (reserved, must be one)");
    assertThatThrownBy(() -> verify(attester.withGuestPolicy(0x30000L | 1L << 40)))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("POLICY unknown bit 40");
    assertThatThrownBy(() -> verify(attester.withGuestPolicy(0x30000L | 1L << 25)))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("PAGE_SWAP_DISABLE");
  }

  @Test
  void platformInfo_tsmeAndSmt_areAppraised_reservedBitsMalformed() throws Exception {
    SimulatedSnpAttester tsme = attester.withPlatformInfo(0x3);
    assertThat(failed(tsme, SnpReference.any().withPlatformTsmeEnabled(true))).isEmpty();
    assertThat(failed(attester, SnpReference.any().withPlatformTsmeEnabled(true))).containsExactly("policy.snp.tsme");
    assertThat(failed(tsme, SnpReference.any().withPlatformSmtEnabled(false))).containsExactly("policy.snp.platform-smt");
    assertThat(failed(attester.withPlatformInfo(0x2), SnpReference.any().withPlatformSmtEnabled(false))).isEmpty();
    assertThatThrownBy(() -> verify(attester.withPlatformInfo(1L << 9)))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("PLATFORM_INFO unknown bit 9");
  }

  @Test
  void idBlockDigestsAndHostData_arePinned() throws Exception {
    SimulatedSnpAttester a = attester.withIdBlock(filled(16, 1), filled(16, 2)).withIdKeyDigest(filled(48, 3))
        .withAuthorKeyDigest(filled(48, 4)).withHostData(filled(32, 5));
    byte[] report = a.report(new byte[64]);
    assertThat(report[0x048] & 1).as("AUTHOR_KEY_EN").isEqualTo(1);
    SnpReference pinned = SnpReference.any()
        .withFamilyIds(List.of(ByteString.of(filled(16, 1)))).withImageIds(List.of(ByteString.of(filled(16, 2))))
        .withIdKeyDigests(List.of(ByteString.of(filled(48, 3))))
        .withAuthorKeyDigests(List.of(ByteString.of(filled(48, 4))))
        .withHostData(List.of(ByteString.of(filled(32, 5))));
    assertThat(failed(a, pinned)).isEmpty();
    assertThat(failed(attester, pinned)).containsExactly("policy.snp.host-data", "policy.snp.id-key-digest",
        "policy.snp.author-key-digest", "policy.snp.family-id", "policy.snp.image-id");
  }

  @Test
  void vmplAndGuestSvn_areAppraised() throws Exception {
    SimulatedSnpAttester a = attester.withVmpl(2).withGuestSvn(7);
    assertThat(failed(a, SnpReference.any())).containsExactly("policy.snp.vmpl");
    assertThat(failed(a, SnpReference.any().withAllowedVmpls(Set.of(2)).withMinimumGuestSvn(7))).isEmpty();
    assertThat(failed(a, SnpReference.any().withAllowedVmpls(Set.of(2)).withMinimumGuestSvn(8)))
        .containsExactly("policy.snp.guest-svn");
  }

  @Test
  void reportVersion_2and5Verify_unknownIsMalformed() throws Exception {
    SnpClaims v2 = claims(attester.withReportVersion(2));
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.cpuid()).isEmpty();
    assertThat(claims(attester.withReportVersion(5)).launchMitigationVector()).hasValue(0);
    assertThat(failed(attester.withReportVersion(2), SnpReference.any().withMinimumReportVersion(3)))
        .containsExactly("policy.snp.report-version");
    assertThatThrownBy(() -> verify(attester.withReportVersion(6)))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("VERSION 6 is not a known report version");
  }

  @Test
  void reportedTcb_reissuesTheVcek_andIsComparedPerComponent() throws Exception {
    SimulatedSnpAttester a = attester.withReportedTcb(5, 1, 23, 214);
    Tcb reported = claims(a).reportedTcb();
    assertThat(List.of(reported.bootloader(), reported.tee(), reported.snp(), reported.microcode()))
        .containsExactly(5, 1, 23, 214);
    assertThat(failed(a, SnpReference.any().withMinimumTcb(new Tcb(0, 5, 1, 23, 214, -1)))).isEmpty();
    assertThat(failed(a, SnpReference.any().withMinimumTcb(new Tcb(0, 5, 1, 24, 214, -1))))
        .containsExactly("policy.snp.minimum-tcb");
    // the default attester's VCEK does not vouch for the new TCB
    assertThatThrownBy(() -> verifier.verify(a.attest(new byte[64]),
        VerificationRequest.at(START.plusSeconds(60), Freshness.none()).withCollateral(attester.collateral())))
        .hasMessageContaining("snp.reported-tcb");
  }

  @Test
  void committedCurrentAndLaunchTcb_andFirmware_areCarried() throws Exception {
    SimulatedSnpAttester older = attester.withCommittedTcb(4, 0, 21, 213);
    assertThat(failed(older, SnpReference.any())).containsExactly("policy.snp.provisional-firmware");
    SnpReference provisional = SnpReference.any().withAllowProvisionalFirmware(true);
    assertThat(failed(older, provisional.withMinimumCommittedTcb(new Tcb(0, 4, 0, 21, 213, -1)))).isEmpty();
    assertThat(failed(older, provisional.withMinimumCommittedTcb(new Tcb(0, 4, 0, 22, 213, -1))))
        .containsExactly("policy.snp.minimum-committed-tcb");
    SnpClaims c = claims(attester.withCurrentTcb(6, 0, 30, 220).withLaunchTcb(3, 0, 20, 200));
    assertThat(c.currentTcb().snp()).isEqualTo(30);
    assertThat(c.launchTcb().microcode()).isEqualTo(200);
    assertThat(failed(attester.withCommittedFirmware(1, 54, 0), SnpReference.any()))
        .containsExactly("policy.snp.provisional-firmware");
  }

  @Test
  void maskedChipId_skipsTheHwIdBinding_andFailsAChipAllowlist() throws Exception {
    SimulatedSnpAttester masked = attester.withChipIdMasked(true);
    AttestationResult result = verify(masked);
    assertThat(result.checks()).filteredOn(c -> c.name().equals("snp.chip-id")).singleElement()
        .extracting(Check::skipped).isEqualTo(true);
    SnpReference chips = SnpReference.any().withChipIds(List.of(ByteString.of(attester.chipId())));
    assertThat(failed(attester, chips)).isEmpty();
    assertThat(failed(masked, chips)).containsExactly("policy.snp.chip-id");
  }
}
