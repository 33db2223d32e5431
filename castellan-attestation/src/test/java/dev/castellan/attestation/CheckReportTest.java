package dev.castellan.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckReportTest {
  private static final Check CRL = Check.skip("snp.crl", "no AMD CRL supplied as collateral");
  private static final Check MEASUREMENT = Check.skip("policy.snp.measurement", "MEASUREMENT not pinned");

  @Test
  void checkLines_skip_showsStatusNameAndReason() {
    String lines = new CheckReport(List.of(CRL), true).checkLines();
    assertThat(lines).matches("  SKIP  snp\\.crl {21}  no AMD CRL supplied as collateral\n");
  }

  @Test
  void verdict_refusedMeasurementSkip_isMeasurementNotPinned() {
    // The real appraisal turns the skip into a failure; the report must still recognise it.
    List<Check> judged = Appraisal.judgeSkips(AppraisalPolicy.defaults(), List.of(CRL, MEASUREMENT));
    CheckReport report = new CheckReport(judged, true);
    assertThat(report.verified()).isFalse();
    assertThat(report.verdictLine("")).isEqualTo(CheckReport.NOT_PINNED);
    assertThat(report.json()).containsEntry("firstFailure", "policy.snp.measurement").containsEntry("unpinned", false);
  }

  @Test
  void verdict_acceptedMeasurementSkip_isUnpinned() {
    AppraisalPolicy any = AppraisalPolicy.defaults().withAcceptSkipped(AppraisalPolicy.MEASUREMENT_CHECKS);
    CheckReport report = new CheckReport(Appraisal.judgeSkips(any, List.of(CRL, MEASUREMENT)), true);
    assertThat(report.verdictLine("key k")).isEqualTo("VERIFIED (UNPINNED: no reference value pins the measurement); key k");
    assertThat(report.json()).containsEntry("verified", true).containsEntry("unpinned", true).doesNotContainKey("firstFailure");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks = (List<Map<String, Object>>) report.json().get("checks");
    assertThat(checks).extracting(c -> c.get("status")).containsExactly("skip", "skip");
  }

  @Test
  void verdict_otherFailureOrIncomplete_namesIt() {
    CheckReport failed = new CheckReport(List.of(Check.pass("a", "ok"), Check.fail("nitro.chain", "no")), true);
    assertThat(failed.verdictLine("x")).isEqualTo("NOT VERIFIED: nitro.chain");
    assertThat(new CheckReport(List.of(), true).verdictLine("")).isEqualTo("NOT VERIFIED: no checks ran");
    assertThat(new CheckReport(List.of(Check.pass("a", "ok")), false).verified()).isFalse();
  }
}
