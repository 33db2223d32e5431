package dev.castellan.attestation.snp;

import static dev.castellan.attestation.snp.SnpVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.SnpClaims.SigningKey;
import dev.castellan.attestation.SnpClaims.Tcb;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.SnpReference;
import dev.castellan.attestation.policy.TestPolicies;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.testkit.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every SEV-SNP reference value, on every real vector: pinned to the value the report
 * carries it passes (its own PASS check), pinned to anything else it fails (exactly that
 * check fails), and unpinned it is named in {@code policy.snp.unpinned}.
 */
class SnpReferenceTest {
  private final SnpVerifier verifier = SnpVerifier.create();

  /** One reference value: the policy that the report meets, the one it misses, the check. */
  record Case(String check, BiFunction<SnpReference, SnpClaims, SnpReference> passing,
      BiFunction<SnpReference, SnpClaims, SnpReference> failing) {}

  private static ByteString flip(ByteString value) {
    byte[] b = value.toByteArray();
    b[0] ^= 1;
    return ByteString.of(b);
  }

  private static Tcb plus(Tcb t, int component) {
    int[] c = {t.bootloader(), t.tee(), t.snp(), t.microcode()};
    c[component]++;
    return new Tcb(0, c[0], c[1], c[2], c[3], -1);
  }

  private static Tcb floor(Tcb t) {
    return new Tcb(0, t.bootloader(), t.tee(), t.snp(), t.microcode(), t.fmc());
  }

  private static List<Case> cases() {
    List<Case> out = new ArrayList<>(List.of(
        new Case("host-data", (r, c) -> r.withHostData(List.of(c.hostData())),
            (r, c) -> r.withHostData(List.of(flip(c.hostData())))),
        new Case("id-key-digest", (r, c) -> r.withIdKeyDigests(List.of(c.idKeyDigest())),
            (r, c) -> r.withIdKeyDigests(List.of(flip(c.idKeyDigest())))),
        new Case("author-key-digest", (r, c) -> r.withAuthorKeyDigests(List.of(c.authorKeyDigest())),
            (r, c) -> r.withAuthorKeyDigests(List.of(flip(c.authorKeyDigest())))),
        new Case("family-id", (r, c) -> r.withFamilyIds(List.of(c.familyId())),
            (r, c) -> r.withFamilyIds(List.of(flip(c.familyId())))),
        new Case("image-id", (r, c) -> r.withImageIds(List.of(c.imageId())),
            (r, c) -> r.withImageIds(List.of(flip(c.imageId())))),
        new Case("vmpl", (r, c) -> r.withAllowedVmpls(Set.of(c.vmpl())),
            (r, c) -> r.withAllowedVmpls(Set.of(c.vmpl() + 1))),
        new Case("signing-key", (r, c) -> r.withAllowedSigningKeys(Set.of(c.signingKey())),
            (r, c) -> r.withAllowedSigningKeys(
                Set.of(c.signingKey() == SigningKey.VCEK ? SigningKey.VLEK : SigningKey.VCEK))),
        new Case("guest-svn", (r, c) -> r.withMinimumGuestSvn(c.guestSvn()),
            (r, c) -> r.withMinimumGuestSvn(c.guestSvn() + 1)),
        new Case("report-version", (r, c) -> r.withMinimumReportVersion(c.version()),
            (r, c) -> r.withMinimumReportVersion(c.version() + 1)),
        new Case("smt", (r, c) -> r.withAllowSmt(true), (r, c) -> r.withAllowSmt(false)),
        new Case("abi", (r, c) -> r.withMinimumAbi(c.policy().abiMajor(), c.policy().abiMinor()),
            (r, c) -> r.withMinimumAbi(c.policy().abiMajor(), c.policy().abiMinor() + 1)),
        new Case("tsme", (r, c) -> r.withPlatformTsmeEnabled(c.tsmeEnabled()),
            (r, c) -> r.withPlatformTsmeEnabled(!c.tsmeEnabled())),
        new Case("platform-smt", (r, c) -> r.withPlatformSmtEnabled(c.smtEnabled()),
            (r, c) -> r.withPlatformSmtEnabled(!c.smtEnabled())),
        new Case("product", (r, c) -> r.withProductNames(List.of(c.productName())),
            (r, c) -> r.withProductNames(List.of(c.productName() + "-other")))));
    String[] components = {"bootloader", "tee", "snp", "microcode"};
    for (int i = 0; i < 4; i++) {
      int component = i;
      out.add(new Case("minimum-tcb", (r, c) -> r.withMinimumTcb(floor(c.reportedTcb())),
          (r, c) -> r.withMinimumTcb(plus(c.reportedTcb(), component))));
      out.add(new Case("minimum-committed-tcb", (r, c) -> r.withMinimumCommittedTcb(floor(c.committedTcb())),
          (r, c) -> r.withMinimumCommittedTcb(plus(c.committedTcb(), component))));
    }
    return out;
  }

  /** Only the value under test differs: the report's own VMPL, provisional firmware and debug allowed. */
  private static SnpReference base(SnpClaims c) {
    return SnpReference.any().withAllowedVmpls(Set.of(c.vmpl())).withAllowProvisionalFirmware(true)
        .withAllowMigrationAgent(true);
  }

  private static AppraisalPolicy policy(SnpReference reference) {
    return TestPolicies.rulesOnly().withAllowDebug(true).withSnp(reference);
  }

  @Test
  void appraise_everyReferenceValue_passesWhenPinnedToTheReportAndFailsOtherwise() throws Exception {
    Failures failures = new Failures();
    for (Vector v : ALL) {
      var result = verifier.verify(v.evidence(), v.request());
      SnpClaims claims = (SnpClaims) result.claims();
      for (Case k : cases()) {
        String name = "policy.snp." + k.check();
        failures.check(v.name() + " " + k.check() + " pass", () -> {
          Verdict ok = Appraisal.appraise(policy(k.passing().apply(base(claims), claims)), result);
          assertThat(ok.failures()).isEmpty();
          assertThat(ok.checks()).filteredOn(c -> c.name().equals(name)).singleElement()
              .extracting(Check::passed).isEqualTo(true);
        });
        failures.check(v.name() + " " + k.check() + " fail", () -> {
          Verdict bad = Appraisal.appraise(policy(k.failing().apply(base(claims), claims)), result);
          assertThat(bad.failures()).extracting(Check::name).containsExactly(name);
        });
      }
    }
    failures.assertNone(ALL.length * 2 * 22);
  }

  @Test
  void appraise_tcbComponentBelowMinimum_namesTheComponent() throws Exception {
    var result = verifier.verify(VIRTEE_MILAN.evidence(), VIRTEE_MILAN.request());
    SnpClaims c = (SnpClaims) result.claims();
    Tcb min = new Tcb(0, c.reportedTcb().bootloader(), c.reportedTcb().tee(), c.reportedTcb().snp() + 1,
        c.reportedTcb().microcode(), -1);
    Verdict verdict = Appraisal.appraise(policy(base(c).withMinimumTcb(min)), result);
    assertThat(verdict.failures()).singleElement().extracting(Check::reason).asString()
        .contains("below: snp " + c.reportedTcb().snp() + " < " + (c.reportedTcb().snp() + 1));
  }

  @Test
  void appraise_chipIdAllowlist_acceptsListedChipRejectsOthersAndZero() throws Exception {
    var result = verifier.verify(VIRTEE_MILAN.evidence(), VIRTEE_MILAN.request());
    SnpClaims c = (SnpClaims) result.claims();
    assertThat(Appraisal.appraise(policy(base(c).withChipIds(List.of(c.chipId()))), result).accepted()).isTrue();
    assertThat(Appraisal.appraise(policy(base(c).withChipIds(List.of(flip(c.chipId())))), result).failures())
        .extracting(Check::name).containsExactly("policy.snp.chip-id");
    var vlek = verifier.verify(TRUSTEE_VLEK.evidence(), TRUSTEE_VLEK.request());
    SnpClaims v = (SnpClaims) vlek.claims();
    assertThat(Appraisal.appraise(policy(base(v).withChipIds(List.of(c.chipId()))), vlek).failures())
        .singleElement().extracting(Check::reason).asString().contains("CHIP_ID is zero");
  }

  @Test
  void appraise_nothingPinned_namesEveryValueInTheUnpinnedSkip() throws Exception {
    var result = verifier.verify(VIRTEE_MILAN.evidence(), VIRTEE_MILAN.request());
    Verdict verdict = Appraisal.appraise(TestPolicies.rulesOnly(), result);
    assertThat(verdict.accepted()).isTrue();
    assertThat(verdict.checks()).filteredOn(c -> c.name().equals("policy.snp.unpinned")).singleElement()
        .extracting(Check::reason).asString().contains("HOST_DATA", "ID_KEY_DIGEST", "AUTHOR_KEY_DIGEST",
            "FAMILY_ID", "IMAGE_ID", "CHIP_ID", "signing key", "product name", "VLEK cspID", "guest policy SMT",
            "minimum ABI", "PLATFORM_INFO.TSME_EN", "PLATFORM_INFO.SMT_EN", "minimum GUEST_SVN",
            "minimum report VERSION", "minimum REPORTED_TCB", "minimum COMMITTED_TCB");
    assertThat(verdict.checks()).extracting(Check::name)
        .contains("policy.snp.vmpl", "policy.snp.migration-agent", "policy.snp.provisional-firmware")
        .doesNotContain("policy.snp.host-data", "policy.snp.minimum-tcb", "policy.snp.smt");
  }

  /** {@code c} with REPORTED_TCB and COMMITTED_TCB replaced (to model a Turin report, whose TCB has FMC). */
  private static SnpClaims withTcbs(SnpClaims c, Tcb tcb) {
    return new SnpClaims(c.version(), c.guestSvn(), c.policy(), c.vmpl(), c.signingKey(), c.measurement(),
        c.reportData(), c.hostData(), c.familyId(), c.imageId(), c.idKeyDigest(), c.authorKeyDigest(),
        c.reportId(), c.reportIdMa(), c.chipId(), tcb, tcb, tcb, tcb, c.currentFirmware(),
        c.committedFirmware(), c.platformInfo(), c.cpuid(), c.launchMitigationVector(),
        c.currentMitigationVector(), "Turin", c.cspId(), c.simulated());
  }

  private static Check check(List<Check> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void appraise_fmc_comparedWhereTheReportHasOne() throws Exception {
    SnpClaims milan = (SnpClaims) verifier.verify(VIRTEE_MILAN.evidence(), VIRTEE_MILAN.request()).claims();
    Tcb r = milan.reportedTcb();
    Tcb fmc5 = new Tcb(0, r.bootloader(), r.tee(), r.snp(), r.microcode(), 5);
    Tcb fmc4 = new Tcb(0, r.bootloader(), r.tee(), r.snp(), r.microcode(), 4);
    SnpReference min5 = base(milan).withMinimumTcb(fmc5).withMinimumCommittedTcb(fmc5);
    Check onMilan = check(min5.appraise(milan), "policy.snp.minimum-tcb");
    assertThat(onMilan.passed()).isTrue();
    assertThat(onMilan.reason()).contains("fmc not compared");
    assertThat(check(min5.appraise(withTcbs(milan, fmc5)), "policy.snp.minimum-tcb").passed()).isTrue();
    List<Check> below = min5.appraise(withTcbs(milan, fmc4));
    assertThat(check(below, "policy.snp.minimum-tcb").failed()).isTrue();
    assertThat(check(below, "policy.snp.minimum-tcb").reason()).contains("below: fmc 4 < 5");
    assertThat(check(below, "policy.snp.minimum-committed-tcb").failed()).isTrue();
  }
}
