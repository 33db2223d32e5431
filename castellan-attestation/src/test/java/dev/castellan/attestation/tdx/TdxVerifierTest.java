package dev.castellan.attestation.tdx;

import dev.castellan.attestation.policy.TestPolicies;
import static dev.castellan.attestation.tdx.TdxTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.testkit.Failures;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every TDX vector of vectors/attestation/README.md section 3, at its stated date. */
class TdxVerifierTest {

  private static final Map<String, String> MRTD_PREFIX = Map.of(
      SPR_E4, "6363b8043668a3ad953278e10389574d326c6749fb78aa810ecd9336923db86f22fc00b8dcd404bc10d5e119d7215cbb",
      V5_SAMPLE, "7348651a34b2d2d3462822e3a750ec6110125f36757c78480bbfc69cc0d21fb001a1ced3ee19747dda8f750c3bc8f876",
      COS_113, "dae67181d3d65e073ad8f95b7907d5e927bfe9761c9ff3e9b89734a45d8954dba41394c7717cb2735396c1d04231f94a",
      QUOTE_4, "705ee938",
      QUOTE_5, "dfba221b",
      QUOTE_6, "21e8dead",
      AZURE, "024a32b0");

  @Test
  void verify_everyQuoteWithoutCollateral_authenticatesAndLeavesTcbNotEvaluated() {
    Failures failures = new Failures();
    for (String name : ALL_QUOTES) {
      failures.check(name, () -> {
        AttestationResult result = verify(verifier(), name, AT_2026, null);
        TdxClaims claims = claims(result);
        assertThat(claims.mrTd().hex()).startsWith(MRTD_PREFIX.get(name));
        assertThat(claims.tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
        assertThat(claims.simulated()).isFalse();
        assertThat(result.checks()).extracting(Check::name)
            .contains("tdx.pck-chain", "tdx.qe-report.signature", "tdx.qe-binding",
                "tdx.quote.signature", "tdx.freshness");
      });
    }
    failures.assertNone(ALL_QUOTES.size());
  }

  @Test
  void verify_fieldsOfTheReadmeTable_areInTheClaims() throws Exception {
    TdxClaims spr = claims(verify(verifier(), SPR_E4, AT_2023, null));
    assertThat(spr.version()).isEqualTo(4);
    assertThat(spr.fmspc().hex()).isEqualTo("50806f000000");
    assertThat(spr.teeTcbSvn().hex()).startsWith("03000400");
    assertThat(spr.tdAttributes().hex()).isEqualTo("0000004000000000");
    assertThat(spr.reportData().hex()).startsWith("6c62dec1");
    assertThat(spr.rtmrs().getFirst().hex()).startsWith("2927da70");
    assertThat(spr.trailingBytes()).isEqualTo(39);
    assertThat(spr.debug()).isFalse();

    TdxClaims v5 = claims(verify(verifier(), V5_SAMPLE, AT_2026, null));
    assertThat(v5.version()).isEqualTo(5);
    assertThat(v5.teeTcbSvn2().orElseThrow().hex()).startsWith("0d010400");
    assertThat(v5.mrServiceTd()).isPresent();
    assertThat(v5.reportData().hex()).startsWith("945eaacf");

    TdxClaims q6 = claims(verify(verifier(), QUOTE_6, AT_2025, null));
    assertThat(q6.fmspc().hex()).isEqualTo("00a06d080000");
    assertThat(q6.mrConfigId().hex()).isEqualTo(
        "889abf4718f037e38d74464c11e7c91a6e9890b5546409e1e7df9de7a51ca93152bf847bd2440328e90adb18b150ed67");
    assertThat(q6.trailingBytes()).isEqualTo(70);

    TdxClaims azure = claims(verify(verifier(), AZURE, AT_2025, null));
    assertThat(azure.xfam().hex()).isEqualTo("e718060000000000");
    assertThat(azure.reportData().hex())
        .isEqualTo("9734504f161d104c74e3165c15f779b06a9bb40dfa71937817d7eee68e593839" + "00".repeat(32));
    assertThat(claims(verify(verifier(), COS_113, AT_2026, null)).trailingBytes()).isEqualTo(3065);
  }

  @Test
  void verify_quote4WithCollateralAndCrls_isUpToDateButDebugIsRejected() throws Exception {
    TdxCollateral collateral = collateral2023()
        .withCrls(crl("go-tdx-guest_rootcrl.der"), crl("go-tdx-guest_pckcrl"));
    AttestationResult result = verify(verifier(), QUOTE_4, AT_2023, collateral);
    TdxClaims claims = claims(result);
    assertThat(claims.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(claims.debug()).isTrue();
    assertThat(result.checks()).extracting(Check::name)
        .contains("tdx.root-crl", "tdx.pck-crl", "tdx.tcb-info", "tdx.qe-identity", "tdx.tcb");
    assertThat(result.checks()).filteredOn(c -> c.name().equals("tdx.crl"))
        .singleElement().matches(Check::passed);
    Verdict verdict = Appraisal.appraise(TestPolicies.rulesOnly(), result);
    assertThat(verdict.accepted()).isFalse();
    assertThat(verdict.failures()).extracting(Check::name).containsExactly("policy.debug");
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly().withAllowDebug(true), result)
        .accepted()).isTrue();
  }

  @Test
  void verify_sprE4With2023Collateral_noMatchingLevelIsRejectedByPolicy() throws Exception {
    AttestationResult result = verify(verifier(), SPR_E4, AT_2023, collateral2023());
    assertThat(claims(result).tcbStatus()).isEqualTo(TcbStatus.NOT_EVALUATED);
    assertThat(result.checks()).filteredOn(c -> c.name().equals("tdx.tcb-status"))
        .extracting(Check::reason).first().asString().contains("no TCB level matches");
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly(), result).failures())
        .extracting(Check::name).contains("policy.tdx.tcb-status", "policy.tdx.trailing-data");
  }

  @Test
  void verify_quote6WithTrusteeCollateral_isOutOfDateAndRejectedByDefault() throws Exception {
    AttestationResult result = verify(lenientSigner(), QUOTE_6, AT_2025, collateral2025());
    assertThat(claims(result).tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
    AppraisalPolicy policy = TestPolicies.rulesOnly();
    assertThat(Appraisal.appraise(policy, result).failures()).extracting(Check::name)
        .containsExactly("policy.tdx.tcb-status", "policy.tdx.trailing-data");
    var lenient = policy.withTdx(new dev.castellan.attestation.policy.TdxReference(
        List.of(), List.of(), List.of(), new java.util.TreeMap<>(),
        EnumSet.of(TcbStatus.UP_TO_DATE, TcbStatus.OUT_OF_DATE), true));
    assertThat(Appraisal.appraise(lenient, result).accepted()).isTrue();
  }

  @Test
  void verify_expectedReportData_isComparedExactly() throws Exception {
    byte[] quote = quote(QUOTE_6);
    TdxClaims claims = claims(verify(verifier(), QUOTE_6, AT_2025, null));
    byte[] good = claims.reportData().toByteArray();
    var request = VerificationRequest.at(AT_2025, Freshness.reportData(good));
    verifier().verify(Evidence.of(Platform.TDX, quote), request);
    byte[] bad = good.clone();
    bad[0] ^= 1;
    assertThatThrownBy(() -> verifier().verify(Evidence.of(Platform.TDX, quote),
            request.withFreshness(Freshness.reportData(bad))))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("tdx.freshness");
    assertThatThrownBy(() -> verifier().verify(Evidence.of(Platform.TDX, quote),
            request.withFreshness(Freshness.reportData(java.util.Arrays.copyOf(good, 32)))))
        .isInstanceOf(FreshnessException.class).hasMessageContaining("wrong length");
    assertThatThrownBy(() -> verifier().verify(Evidence.of(Platform.TDX, quote),
            request.withFreshness(Freshness.nonce(new byte[] {1}))))
        .isInstanceOf(FreshnessException.class);
  }

  @Test
  void verify_withoutThePinnedRoot_throwsChainError() throws Exception {
    TdxVerifier noIntel = TdxVerifier.create(dev.castellan.attestation.TrustAnchors.of());
    assertThatThrownBy(() -> noIntel.verify(Evidence.of(Platform.TDX, quote(QUOTE_4)),
            VerificationRequest.at(AT_2023, Freshness.none())))
        .isInstanceOf(AttestationException.class).hasMessageContaining("tdx.pck-chain");
  }
}
