package dev.castellan.attestation.snp;

import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.EvidenceFormat;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.testkit.Vectors;
import java.time.Instant;
import java.util.Arrays;

/** The SEV-SNP vectors of shared/vectors/attestation/sev-snp, with the dates to verify them at. */
final class SnpVectors {
  static final String DIR = "attestation/sev-snp/";

  /** One report, its endorsement certificate, and a date inside its validity window. */
  record Vector(String name, String report, String endorsement, Instant at) {
    byte[] reportBytes() throws Exception {
      byte[] raw = Vectors.bytes(DIR + report);
      if (report.endsWith(".hex")) {
        return EvidenceFormat.decodeText(raw);
      }
      if (report.endsWith("hcl-report.bin")) {
        return Arrays.copyOfRange(raw, 32, 32 + 1184);
      }
      return raw;
    }

    byte[] endorsementBytes() {
      return Vectors.bytes(DIR + endorsement);
    }

    Evidence evidence() throws Exception {
      return Evidence.of(Platform.SEV_SNP, reportBytes());
    }

    VerificationRequest request() {
      return request(Freshness.none());
    }

    VerificationRequest request(Freshness freshness) {
      return VerificationRequest.at(at, freshness)
          .withCollateral(CollateralSource.of(Platform.SEV_SNP, isVlek() ? "vlek" : "vcek", endorsementBytes()));
    }

    boolean isVlek() {
      return endorsement.contains("vlek");
    }
  }

  static final Vector GO_SEV_GUEST =
      new Vector("go-sev-guest", "go-sev-guest_attestation.bin", "go-sev-guest_vcek.testcer",
          Instant.parse("2022-09-24T01:00:00Z"));
  static final Vector VIRTEE_MILAN =
      new Vector("virtee-milan", "virtee-sev_report_milan.hex", "virtee-sev_vcek_milan.der",
          Instant.parse("2024-01-01T00:00:00Z"));
  static final Vector TRUSTEE =
      new Vector("trustee", "trustee_test-report.bin", "trustee_test-vcek.der",
          Instant.parse("2024-01-01T00:00:00Z"));
  static final Vector TRUSTEE_VLEK =
      new Vector("trustee-vlek", "trustee_test-vlek-report.bin", "trustee_test-vlek.der",
          Instant.parse("2025-06-01T00:00:00Z"));
  static final Vector TRUSTEE_E2E_GENOA =
      new Vector("trustee-e2e-genoa", "derived/trustee_e2e_evidence.report.bin",
          "derived/trustee_e2e_evidence.vcek.der", Instant.parse("2026-01-01T00:00:00Z"));
  static final Vector AZURE_HCL =
      new Vector("azure-hcl", "azure-vtpm/trustee_az-snp-vtpm_hcl-report.bin",
          "azure-vtpm/trustee_az-snp-vtpm_vcek.pem", Instant.parse("2024-01-01T00:00:00Z"));

  static final Vector[] ALL = {GO_SEV_GUEST, VIRTEE_MILAN, TRUSTEE, TRUSTEE_VLEK, TRUSTEE_E2E_GENOA, AZURE_HCL};

  private SnpVectors() {}
}
