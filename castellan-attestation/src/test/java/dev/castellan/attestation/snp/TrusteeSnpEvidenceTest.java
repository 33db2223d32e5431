package dev.castellan.attestation.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrusteeSnpEvidenceTest {
  private static final String JSON = SnpVectors.DIR + "trustee_e2e_evidence.json";

  @Test
  void parse_e2eJson_rebuildsTheDerivedBinaryExactly() throws Exception {
    TrusteeSnpEvidence parsed = TrusteeSnpEvidence.parse(Vectors.bytes(JSON));
    assertThat(parsed.report()).isEqualTo(Vectors.bytes(SnpVectors.DIR + "derived/trustee_e2e_evidence.report.bin"));
    assertThat(parsed.certificates()).hasSize(1);
    assertThat(parsed.certificates().getFirst()).isEqualTo(Vectors.bytes(SnpVectors.DIR + "derived/trustee_e2e_evidence.vcek.der"));
  }

  @Test
  void verify_e2eJson_usesTheCarriedVcek() throws Exception {
    Evidence evidence = Evidence.detect(Vectors.bytes(JSON));
    assertThat(evidence.platform()).isEqualTo(Platform.SEV_SNP);
    SnpClaims claims = (SnpClaims) SnpVerifier.create()
        .verify(evidence, VerificationRequest.at(Instant.parse("2026-01-01T00:00:00Z"), Freshness.none()))
        .claims();
    assertThat(claims.productName()).startsWith("Genoa");
    assertThat(claims.reportData().hex()).startsWith("7e732088").endsWith("150cf9b0");
  }

  @Test
  void verify_editedJsonField_failsSignature() throws Exception {
    String json = Vectors.text(JSON).replaceFirst("\"guest_svn\":\\s*0", "\"guest_svn\": 1");
    assertThat(json).contains("\"guest_svn\": 1");
    assertThatThrownBy(() -> SnpVerifier.create().verify(Evidence.of(Platform.SEV_SNP, json.getBytes(StandardCharsets.UTF_8)),
            VerificationRequest.at(Instant.parse("2026-01-01T00:00:00Z"), Freshness.none())))
        .isInstanceOf(SignatureInvalidException.class);
  }

  @Test
  void parse_malformedJson_throwsMalformed() {
    for (String bad : new String[] {"{", "{}", "{\"attestation_report\": {\"version\": -1}}", "{\"attestation_report\": []}"}) {
      assertThatThrownBy(() -> TrusteeSnpEvidence.parse(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad).isInstanceOf(MalformedEvidenceException.class);
    }
  }
}
