package dev.castellan.attestation.sgx;

import static dev.castellan.attestation.sgx.SgxVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SgxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.SgxReference;
import dev.castellan.attestation.policy.TestPolicies;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.attestation.tdx.TdxCollateral;
import dev.castellan.testkit.Vectors;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The real SGX quote of vectors/attestation/extra (dcap-qvl), with and without its collateral. */
class SgxVerifierTest {

  @Test
  void verify_withCollateral_givesTheStatusAndAdvisoriesOfTheIndex() throws Exception {
    JsonNode expect = sgxCase().get("expect");
    AttestationResult result = verify(quote(), collateral());
    SgxClaims claims = claims(result);
    assertThat(claims.tcbStatus()).isEqualTo(status(expect.get("tcb_status").stringValue()));
    assertThat(claims.tcbStatus()).isEqualTo(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
    assertThat(claims.advisoryIds())
        .containsExactlyInAnyOrderElementsOf(strings(expect.get("advisory_ids")));
    assertThat(result.checks()).extracting(Check::name).containsExactly(
        "sgx.quote", "sgx.pck-chain", "sgx.root-ca.crl", "sgx.pck-ca.crl",
        "sgx.qe-report.signature", "sgx.qe-binding", "sgx.quote.signature",
        "sgx.tcb-signing-chain", "sgx.tcb-info", "sgx.qe-identity", "sgx.tcb", "sgx.freshness");
    assertThat(result.checks()).filteredOn(c -> !c.name().equals("sgx.freshness"))
        .allMatch(Check::passed);
  }

  @Test
  void verify_claims_areTheFieldsOfTheReportBody() throws Exception {
    SgxClaims claims = claims(verify(quote(), null));
    assertThat(claims.version()).isEqualTo(3);
    assertThat(claims.mrEnclave().hex())
        .isEqualTo("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb");
    assertThat(claims.mrSigner().hex())
        .isEqualTo("815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6");
    assertThat(claims.isvProdId()).isZero();
    assertThat(claims.isvSvn()).isZero();
    assertThat(claims.attributes().hex()).isEqualTo("0500000000000000e700000000000000");
    assertThat(claims.flags()).isEqualTo(0x05L);
    assertThat(claims.xfrm()).isEqualTo(0xe7L);
    assertThat(claims.debug()).isFalse();
    assertThat(claims.cpuSvn().hex()).isEqualTo("0b0b1a18ffff04000000000000000000");
    assertThat(claims.configId().isAllZero()).isTrue();
    assertThat(claims.configSvn()).isZero();
    assertThat(claims.reportData().hex()).startsWith("48656c6c6f2c20776f726c6421");
    assertThat(claims.fmspc().hex()).isEqualTo("00a067110000");
    assertThat(claims.simulated()).isFalse();
    assertThat(claims.platform()).isEqualTo(Platform.SGX);
  }

  @Test
  void appraise_underThePolicyOfTheIndex_isAccepted() throws Exception {
    JsonNode sgx = sgxCase();
    Set<TcbStatus> statuses = strings(sgx.get("policy").get("accepted_tcb_statuses")).stream()
        .map(SgxVectors::status).collect(Collectors.toSet());
    AppraisalPolicy policy = TestPolicies.rulesOnly().withSgx(SgxReference.any()
        .withAllowedTcbStatuses(statuses)
        .withAcceptedAdvisoryIds(new HashSet<>(strings(sgx.get("expect").get("advisory_ids")))));
    Verdict verdict = Appraisal.appraise(policy, verify(quote(), collateral()));
    assertThat(verdict.failures()).isEmpty();
    assertThat(verdict.accepted()).isTrue();
    assertThat(verdict.checks()).extracting(Check::name)
        .contains("policy.sgx.tcb-status", "policy.sgx.advisory-ids");
  }

  @Test
  void appraise_uptodateOnlyVariant_isRejectedForItsTcbStatus() throws Exception {
    JsonNode variant = sgxCase().get("variants").get(0);
    assertThat(variant.get("id_suffix").stringValue()).isEqualTo("@uptodate-only");
    assertThat(variant.get("verdict").stringValue()).isEqualTo("reject");
    Set<TcbStatus> statuses = strings(variant.get("policy").get("accepted_tcb_statuses")).stream()
        .map(SgxVectors::status).collect(Collectors.toSet());
    AttestationResult result = verify(quote(), collateral());
    Verdict explicit = Appraisal.appraise(TestPolicies.rulesOnly()
        .withSgx(SgxReference.any().withAllowedTcbStatuses(statuses)), result);
    assertThat(explicit.failures()).extracting(Check::name)
        .containsExactly("policy.sgx.tcb-status");
    // The default is UpToDate only as well.
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly(), result).failures())
        .extracting(Check::name).containsExactly("policy.sgx.tcb-status");
  }

  @Test
  void appraise_anAdvisoryNotOnTheAcceptedList_isRejected() throws Exception {
    AppraisalPolicy policy = TestPolicies.rulesOnly().withSgx(SgxReference.any()
        .withAllowedTcbStatuses(EnumSet.of(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED))
        .withAcceptedAdvisoryIds(Set.of("INTEL-SA-00615")));
    Verdict verdict = Appraisal.appraise(policy, verify(quote(), collateral()));
    assertThat(verdict.failures()).extracting(Check::name)
        .containsExactly("policy.sgx.advisory-ids");
    assertThat(verdict.failures().getFirst().reason()).contains("INTEL-SA-00289")
        .doesNotContain("INTEL-SA-00615");
  }

  @Test
  void verify_withoutCollateral_leavesTheTcbNotEvaluatedAndTheDefaultPolicyRejects()
      throws Exception {
    AttestationResult result = verify(quote(), null);
    assertThat(claims(result).tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
    assertThat(claims(result).advisoryIds()).isEmpty();
    assertThat(result.checks()).filteredOn(c -> c.name().equals("sgx.tcb"))
        .singleElement().matches(Check::skipped);
    assertThat(result.checks()).filteredOn(c -> c.name().endsWith(".crl"))
        .allMatch(Check::skipped).hasSize(2);
    AppraisalPolicy lenient = TestPolicies.rulesOnly().withSgx(SgxReference.any()
        .withAllowedTcbStatuses(EnumSet.allOf(TcbStatus.class)));
    assertThat(Appraisal.appraise(lenient, result).failures()).extracting(Check::name)
        .containsExactly("sgx.tcb");
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly(), result).failures())
        .extracting(Check::name).containsExactly("sgx.tcb", "policy.sgx.tcb-status");
  }

  @Test
  void verify_expectedReportData_isComparedExactly() throws Exception {
    byte[] good = claims(verify(quote(), null)).reportData().toByteArray();
    Evidence evidence = Evidence.of(Platform.SGX, quote());
    VerificationRequest request = request(null).withFreshness(Freshness.reportData(good));
    assertThat(verifier().verify(evidence, request).checks())
        .filteredOn(c -> c.name().equals("sgx.freshness")).singleElement().matches(Check::passed);
    byte[] bad = good.clone();
    bad[63] ^= 1;
    assertThatThrownBy(() -> verifier().verify(evidence,
            request.withFreshness(Freshness.reportData(bad))))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("sgx.freshness");
    assertThatThrownBy(() -> verifier().verify(evidence,
            request.withFreshness(Freshness.reportData(Arrays.copyOf(good, 32)))))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("wrong length");
    assertThatThrownBy(() -> verifier().verify(evidence,
            request.withFreshness(Freshness.nonce(new byte[] {1}))))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("sgx.freshness");
  }

  @Test
  void verify_withoutAPinnedIntelRoot_throwsChainError() throws Exception {
    SgxVerifier none = SgxVerifier.create(TrustAnchors.of());
    assertThatThrownBy(() -> none.verify(Evidence.of(Platform.SGX, quote()), request(null)))
        .isInstanceOf(CertificateChainException.class).hasMessageContaining("sgx.pck-chain");
  }

  @Test
  void verify_afterTheCollateralExpired_throwsNamingTheExpiredItem() throws Exception {
    VerificationRequest late = request(collateral()).withTime(time().plusSeconds(86_400));
    assertThatThrownBy(() -> verifier().verify(Evidence.of(Platform.SGX, quote()), late))
        .isInstanceOf(AttestationException.class)
        .satisfies(e -> assertThat(((AttestationException) e).check()).startsWith("sgx."))
        .hasMessageContaining("expired");
  }

  @Test
  void verify_tdxCollateralForAnSgxQuote_isRejected() throws Exception {
    TdxCollateral tdx = DcapQvlCollateral.load(EXTRA + "dcap-qvl/sample/tdx_quote_collateral.json");
    TdxCollateral mixed = TdxCollateral.of(tdx.tcbInfoJson(), collateral().qeIdentityJson(),
        collateral().tcbSigningChain());
    assertThatThrownBy(() -> verify(quote(), mixed))
        .isInstanceOf(CollateralException.class).hasMessageContaining("sgx.collateral")
        .hasMessageContaining("not for SGX");
    TdxCollateral tdQe = TdxCollateral.of(collateral().tcbInfoJson(), tdx.qeIdentityJson(),
        collateral().tcbSigningChain());
    assertThatThrownBy(() -> verify(quote(), tdQe))
        .isInstanceOf(CollateralException.class).hasMessageContaining("not the QE identity");
  }

  @Test
  void verify_collateralBodyChanged_failsItsSignature() throws Exception {
    TdxCollateral good = collateral();
    byte[] tcbInfo = flip(good.tcbInfoJson(), "\"pcesvn\":13", "\"pcesvn\":12");
    assertThatThrownBy(() -> verify(quote(), TdxCollateral.of(tcbInfo, good.qeIdentityJson(),
            good.tcbSigningChain())))
        .isInstanceOf(AttestationException.class).hasMessageContaining("sgx.tcb-info.signature");
    byte[] qe = flip(good.qeIdentityJson(), "\"isvsvn\":8", "\"isvsvn\":9");
    assertThatThrownBy(() -> verify(quote(), TdxCollateral.of(good.tcbInfoJson(), qe,
            good.tcbSigningChain())))
        .isInstanceOf(AttestationException.class)
        .hasMessageContaining("sgx.qe-identity.signature");
  }

  @Test
  void verify_tdxQuoteAsSgxEvidence_isMalformed() throws Exception {
    byte[] tdx = Vectors.bytes(EXTRA + "dcap-qvl/sample/tdx_quote");
    assertThatThrownBy(() -> verifier().verify(Evidence.of(Platform.SGX, tdx), request(null)))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("sgx.quote");
    assertThatThrownBy(() -> verifier().verify(Evidence.of(Platform.TDX, quote()), request(null)))
        .isInstanceOf(MalformedEvidenceException.class).hasMessageContaining("evidence.platform");
  }

  @Test
  void result_rendersAsJsonWithHexBytes() throws Exception {
    var json = new tools.jackson.databind.ObjectMapper();
    JsonNode claims = json.readTree(json.writeValueAsString(verify(quote(), collateral())))
        .get("claims");
    assertThat(claims.get("platform").stringValue()).isEqualTo("SGX");
    assertThat(claims.get("mrEnclave").stringValue()).startsWith("33d8736d");
    assertThat(claims.get("attributes").stringValue()).isEqualTo("0500000000000000e700000000000000");
    assertThat(claims.get("flags").longValue()).isEqualTo(5);
    assertThat(claims.get("debug").booleanValue()).isFalse();
    assertThat(claims.get("tcbStatus").stringValue())
        .isEqualTo("CONFIGURATION_AND_SW_HARDENING_NEEDED");
  }

  private static byte[] flip(byte[] json, String from, String to) {
    String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    return text.replaceFirst(java.util.regex.Pattern.quote(from), to)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
