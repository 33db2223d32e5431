package dev.castellan.attestation.snp;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.Freshness;

/** The REPORT_DATA freshness check: exact, constant-time, 64 bytes, never padded. */
final class ReportDataCheck {
  static final String CHECK = "snp.report-data";

  private ReportDataCheck() {}

  static Check check(Freshness freshness, ByteString reportData) throws FreshnessException {
    return switch (freshness.kind()) {
      case NONE -> Check.skip("snp.freshness", "freshness not requested (Freshness.none()); REPORT_DATA not compared");
      case NONCE -> throw new FreshnessException(CHECK,
          "SEV-SNP reports carry REPORT_DATA, not a nonce: use Freshness.reportData");
      case REPORT_DATA -> {
        ByteString expected = freshness.expected();
        if (expected.length() != reportData.length()) {
          throw new FreshnessException(CHECK, "expected REPORT_DATA has the wrong length",
              reportData.length() + " bytes", expected.length() + " bytes");
        }
        if (!expected.equals(reportData)) {
          throw new FreshnessException(CHECK, "REPORT_DATA differs from the expected value",
              expected.hex(), reportData.hex());
        }
        yield Check.pass(CHECK, "REPORT_DATA equals the expected value");
      }
    };
  }
}
