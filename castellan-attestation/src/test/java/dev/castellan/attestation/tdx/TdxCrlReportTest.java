package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.tdx.TdxTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralKey;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.TestPolicies;
import dev.castellan.testkit.Vectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 8, item 3: {@code tdx.crl} is PASS only when both CRLs were checked, else a SKIP that says why. */
class TdxCrlReportTest {
  private static final byte[] ROOT_CRL = Vectors.bytes(DIR + "collateral/go-tdx-guest_rootcrl.der");
  private static final byte[] PCK_CRL = Vectors.bytes(DIR + "collateral/go-tdx-guest_pckcrl");

  private static AttestationResult verify(CollateralSource source) throws Exception {
    return verifier().verify(Evidence.of(Platform.TDX, quote(QUOTE_4)),
        VerificationRequest.at(AT_2023, Freshness.none()).withCollateral(source));
  }

  private static Check crl(AttestationResult result) {
    return result.checks().stream().filter(c -> c.name().equals("tdx.crl")).findFirst()
        .orElseThrow();
  }

  @Test
  void verify_withoutCrls_reportsTdxCrlSkipWithTheReason_acceptedByDefault() throws Exception {
    AttestationResult result = verify(CollateralSource.of(Map.of()));
    Check crl = crl(result);
    assertThat(crl.skipped()).isTrue();
    assertThat(crl.reason()).contains("no Intel root CA CRL supplied", "no PCK CRL supplied");
    assertThat(result.checks()).extracting(Check::name)
        .doesNotContain("tdx.root-crl", "tdx.pck-crl");
    var verdict = Appraisal.appraise(TestPolicies.rulesOnly().withAllowDebug(true), result);
    assertThat(verdict.failures()).extracting(Check::name).doesNotContain("tdx.crl");
  }

  @Test
  void verify_crlsWithoutTcbInfo_areStillChecked() throws Exception {
    AttestationResult result = verify(CollateralSource.of(Map.of(
        CollateralKey.of(Platform.TDX, TdxCollateral.ROOT_CRL), ROOT_CRL,
        CollateralKey.of(Platform.TDX, TdxCollateral.PCK_CRL), PCK_CRL)));
    assertThat(claims(result).tcbStatus())
        .isEqualTo(dev.castellan.attestation.TdxClaims.TcbStatus.NOT_EVALUATED);
    assertThat(crl(result).passed()).isTrue();
    assertThat(result.checks()).extracting(Check::name).contains("tdx.root-crl", "tdx.pck-crl");
  }

  @Test
  void verify_crlOfAnotherIssuer_isReportedUnusedAsSkipNeverPass() throws Exception {
    // The root CA's CRL offered as the PCK CRL: it cannot say anything about the PCK.
    AttestationResult result = verify(CollateralSource.of(Map.of(
        CollateralKey.of(Platform.TDX, TdxCollateral.ROOT_CRL), ROOT_CRL,
        CollateralKey.of(Platform.TDX, TdxCollateral.PCK_CRL), ROOT_CRL)));
    Check crl = crl(result);
    assertThat(crl.skipped()).isTrue();
    assertThat(crl.reason()).contains("PCK CRL supplied but not used: issued by");
    assertThat(result.checks()).extracting(Check::name).contains("tdx.root-crl")
        .doesNotContain("tdx.pck-crl");
  }

  @Test
  void verify_onlyTheRootCrl_isASkipNamingTheMissingPckCrl() throws Exception {
    Check crl = crl(verify(CollateralSource.of(Map.of(
        CollateralKey.of(Platform.TDX, TdxCollateral.ROOT_CRL), ROOT_CRL))));
    assertThat(crl.skipped()).isTrue();
    assertThat(crl.reason()).contains("no PCK CRL supplied").doesNotContain("root CA CRL supplied");
  }
}
