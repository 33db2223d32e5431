package dev.castellan.attestation.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HclReportTest {
  private static final String DIR = "attestation/sev-snp/azure-vtpm/";
  private final SnpVerifier verifier = SnpVerifier.create();

  private static VerificationRequest request(Instant at, byte[] vcek) {
    return VerificationRequest.at(at, Freshness.none())
        .withCollateral(CollateralSource.of(Platform.SEV_SNP, "vcek", vcek));
  }

  @Test
  void verify_azureSnpHclReport_verifiesAndBindsRuntimeClaims() throws Exception {
    byte[] hcl = Vectors.bytes(DIR + "trustee_az-snp-vtpm_hcl-report.bin");
    Evidence evidence = Evidence.detect(hcl);
    assertThat(evidence.platform()).isEqualTo(Platform.SEV_SNP);
    AttestationResult result = verifier.verify(evidence,
        request(Instant.parse("2024-01-01T00:00:00Z"), Vectors.bytes(DIR + "trustee_az-snp-vtpm_vcek.pem")));
    assertThat(result.checks()).extracting(Check::name).contains("snp.signature", "azure.var-data-binding");
    SnpClaims claims = (SnpClaims) result.claims();
    assertThat(claims.policy().value()).isEqualTo(0x3001FL);
    assertThat(claims.measurement().hex()).startsWith("9ac48fca").endsWith("6d17c315");
    HclReport parsed = HclReport.parse(hcl);
    assertThat(parsed.attestationKey().getModulus().bitLength()).isEqualTo(2048);
    assertThat(parsed.userData().orElseThrow().isAllZero()).isTrue();
  }

  @Test
  void verify_trusteeHclNegatives_fail() throws Exception {
    byte[] vcek = Vectors.bytes(DIR + "trustee_az-snp-vtpm_vcek.pem");
    byte[] varData = Vectors.bytes(DIR + "trustee_az-snp-vtpm_hcl-report.bin");
    varData[0x06e0] += 1;
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, varData),
            request(Instant.parse("2024-01-01T00:00:00Z"), vcek)))
        .isInstanceOf(BindingException.class).hasMessageContaining("azure.var-data-binding");
    byte[] akPub = Vectors.bytes(DIR + "trustee_az-snp-vtpm_hcl-report.bin");
    akPub[0x0540] = 0;
    assertThatThrownBy(() -> verifier.verify(Evidence.of(Platform.SEV_SNP, akPub),
            request(Instant.parse("2024-01-01T00:00:00Z"), vcek)))
        .isInstanceOf(AttestationException.class);
  }

  @Test
  void verify_azureEvidenceJsonReports_verify() {
    Failures failures = new Failures();
    for (String name : new String[] {"evidence-v1", "evidence-v2", "evidence-genoa"}) {
      failures.check(name, () -> {
        JsonNode json = Vectors.json(DIR + "trustee_az-snp-vtpm_" + name + ".json");
        byte[] hcl = json.has("hcl_report")
            ? Base64.getUrlDecoder().decode(json.get("hcl_report").stringValue())
            : bytes(json.get("report"));
        String vcek = json.get("vcek").stringValue();
        byte[] vcekBytes = vcek.startsWith("-----") ? vcek.getBytes(StandardCharsets.US_ASCII) : Base64.getUrlDecoder().decode(vcek);
        AttestationResult result = verifier.verify(Evidence.detect(hcl), request(Instant.parse("2026-01-01T00:00:00Z"), vcekBytes));
        assertThat(result.checks()).extracting(Check::name).contains("azure.var-data-binding");
      });
    }
    failures.assertNone(3);
  }

  @Test
  void checkReportDataBinding_azureTdxHcl_matchesQuoteReportData() throws Exception {
    HclReport tdx = HclReport.parse(Vectors.bytes("attestation/tdx/azure-vtpm/trustee_az-tdx-vtpm_hcl-report.bin"));
    assertThat(tdx.reportType()).isEqualTo(HclReport.ReportType.TDX);
    ByteString quoteReportData = ByteString.fromHex(
        "9734504f161d104c74e3165c15f779b06a9bb40dfa71937817d7eee68e593839" + "00".repeat(32));
    assertThat(tdx.checkReportDataBinding(quoteReportData).passed()).isTrue();
    assertThatThrownBy(() -> tdx.checkReportDataBinding(ByteString.of(new byte[64])))
        .isInstanceOf(BindingException.class);
  }

  private static byte[] bytes(JsonNode array) {
    byte[] out = new byte[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) array.get(i).intValue();
    }
    return out;
  }
}
