package dev.castellan.attestation.snp;

import dev.castellan.attestation.policy.TestPolicies;
import static dev.castellan.attestation.snp.SnpVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SnpClaims.Tcb;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.SnpReference;
import dev.castellan.attestation.policy.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Section 5, case 12: policy failures on otherwise valid reports. */
class SnpAppraisalTest {
  private final SnpVerifier verifier = SnpVerifier.create();

  private Verdict appraise(Vector v, AppraisalPolicy policy) throws Exception {
    return Appraisal.appraise(policy, verifier.verify(v.evidence(), v.request()));
  }

  private static List<String> failed(Verdict verdict) {
    return verdict.failures().stream().map(Check::name).toList();
  }

  @Test
  void appraise_goSevGuestDebugBit_rejectedByDefault() throws Exception {
    Verdict verdict = appraise(GO_SEV_GUEST, TestPolicies.rulesOnly());
    assertThat(failed(verdict)).containsExactly("policy.debug");
    assertThatThrownBy(verdict::requireAccepted).isInstanceOf(PolicyException.class).hasMessageContaining("policy.debug");
    assertThat(appraise(GO_SEV_GUEST, TestPolicies.rulesOnly().withAllowDebug(true)).accepted()).isTrue();
  }

  @Test
  void appraise_vlekVmpl1_rejectedByDefault() throws Exception {
    assertThat(failed(appraise(TRUSTEE_VLEK, TestPolicies.rulesOnly()))).contains("policy.snp.vmpl");
    AppraisalPolicy vmpl1 = TestPolicies.rulesOnly().withSnp(SnpReference.any().withAllowedVmpls(Set.of(1))
        .withAllowProvisionalFirmware(true));
    assertThat(appraise(TRUSTEE_VLEK, vmpl1).accepted()).isTrue();
  }

  @Test
  void appraise_trusteeCommittedDiffersFromCurrent_rejectedUnlessProvisionalAllowed() throws Exception {
    assertThat(failed(appraise(TRUSTEE, TestPolicies.rulesOnly()))).containsExactly("policy.snp.provisional-firmware");
    AppraisalPolicy provisional = TestPolicies.rulesOnly().withSnp(SnpReference.any().withAllowProvisionalFirmware(true));
    assertThat(appraise(TRUSTEE, provisional).accepted()).isTrue();
  }

  @Test
  void appraise_minimumSnpSpl24_rejectsTheOlderMilanReports() throws Exception {
    AppraisalPolicy minimum = TestPolicies.rulesOnly().withAllowDebug(true).withSnp(
        SnpReference.any().withAllowProvisionalFirmware(true).withMinimumTcb(new Tcb(0, 0, 0, 24, 0, -1)));
    for (Vector v : List.of(GO_SEV_GUEST, VIRTEE_MILAN, TRUSTEE)) {
      assertThat(failed(appraise(v, minimum))).as(v.name()).containsExactly("policy.snp.minimum-tcb");
    }
  }

  @Test
  void appraise_productNames_rejectOtherProducts() throws Exception {
    AppraisalPolicy genoaOnly = TestPolicies.rulesOnly().withSnp(SnpReference.any().withProductNames(List.of("Genoa")));
    assertThat(failed(appraise(VIRTEE_MILAN, genoaOnly))).containsExactly("policy.snp.product");
    AppraisalPolicy milan = TestPolicies.rulesOnly().withSnp(SnpReference.any().withProductNames(List.of("Milan-B0")));
    assertThat(appraise(VIRTEE_MILAN, milan).accepted()).isTrue();
  }

  @Test
  void appraise_cspIds_acceptOnlyTheListedCloud() throws Exception {
    SnpReference base = SnpReference.any().withAllowedVmpls(Set.of(1)).withAllowProvisionalFirmware(true);
    AppraisalPolicy aws = TestPolicies.rulesOnly().withSnp(base.withCspIds(List.of("CN=cc-us-east-2.amazonaws.com")));
    assertThat(appraise(TRUSTEE_VLEK, aws).accepted()).isTrue();
    AppraisalPolicy other = TestPolicies.rulesOnly().withSnp(base.withCspIds(List.of("CN=other")));
    assertThat(failed(appraise(TRUSTEE_VLEK, other))).containsExactly("policy.snp.csp");
    assertThat(failed(appraise(VIRTEE_MILAN, TestPolicies.rulesOnly().withSnp(SnpReference.any().withCspIds(List.of("CN=other"))))))
        .containsExactly("policy.snp.csp");
  }

  @Test
  void appraise_measurementReference_acceptsOnlyTheListedValue() throws Exception {
    ByteString good = ByteString.fromHex(
        "7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f");
    AppraisalPolicy policy = TestPolicies.rulesOnly().withSnp(SnpReference.any().withMeasurements(List.of(good)));
    Verdict ok = appraise(VIRTEE_MILAN, policy);
    assertThat(ok.accepted()).isTrue();
    assertThat(ok.checks()).extracting(Check::name).contains("snp.signature", "policy.snp.measurement", "policy.debug");
    assertThat(failed(appraise(GO_SEV_GUEST, policy.withAllowDebug(true)))).containsExactly("policy.snp.measurement");
  }
}
