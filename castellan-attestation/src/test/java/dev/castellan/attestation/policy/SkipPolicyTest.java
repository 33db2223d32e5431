package dev.castellan.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipPolicyTest {
  private static AppraisalPolicy parse(String json) throws PolicyException {
    return AppraisalPolicy.fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void defaults_acceptRevocationAndUnpinnedValues_refuseMeasurementFreshnessSignatureChain() {
    AppraisalPolicy p = AppraisalPolicy.defaults();
    assertThat(p.acceptsSkipped("snp.crl")).isTrue();
    assertThat(p.acceptsSkipped("tdx.crl")).isTrue();
    assertThat(p.acceptsSkipped("policy.snp.unpinned")).isTrue();
    assertThat(p.acceptsSkipped("policy.nitro.measurement")).isFalse();
    assertThat(p.acceptsSkipped("nitro.freshness")).isFalse();
    assertThat(p.acceptsSkipped("snp.signature")).isFalse();
    assertThat(p.acceptsSkipped("nitro.chain")).isFalse();
    assertThat(p.acceptsSkipped("some.new-check")).as("unknown skips fail closed").isFalse();
  }

  @Test
  void judgeSkips_turnsAnUnacceptedSkipIntoAFailKeepingItsReason() {
    List<Check> judged = Appraisal.judgeSkips(AppraisalPolicy.defaults(), List.of(
        Check.skip("snp.crl", "no CRL supplied"), Check.skip("nitro.freshness", "not requested"),
        Check.pass("nitro.signature", "ok")));
    assertThat(judged).extracting(Check::status)
        .containsExactly(Check.Status.SKIP, Check.Status.FAIL, Check.Status.PASS);
    assertThat(judged.get(1).reason()).contains("not requested").contains("the policy requires it");
  }

  @Test
  void widening_addsPatternsAndKeepsTheDefaults() {
    AppraisalPolicy p = AppraisalPolicy.defaults().withAcceptSkipped(AppraisalPolicy.MEASUREMENT_CHECKS);
    assertThat(p.acceptsSkipped("policy.tdx.measurement")).isTrue();
    assertThat(p.acceptsSkipped("snp.crl")).isTrue();
    assertThat(p.acceptsSkipped("tdx.freshness")).isFalse();
  }

  @Test
  void fromJson_acceptSkipped_replacesTheDefaultsUnlessTheyAreNamed() throws Exception {
    AppraisalPolicy strict = parse("{\"acceptSkipped\": []}");
    assertThat(strict.acceptsSkipped("snp.crl")).isFalse();
    AppraisalPolicy wider = parse("{\"acceptSkipped\": [\"defaults\", \"policy.nitro.measurement\"]}");
    assertThat(wider.acceptsSkipped("snp.crl")).isTrue();
    assertThat(wider.acceptsSkipped("policy.nitro.measurement")).isTrue();
    assertThat(wider.acceptsSkipped("policy.snp.measurement")).isFalse();
  }

  @Test
  void fromJson_badPattern_isRejectedByName() {
    assertThatThrownBy(() -> parse("{\"acceptSkipped\": [\"Snp Crl\"]}"))
        .isInstanceOf(PolicyException.class).hasMessageContaining("not a check-name pattern");
  }

  @Test
  void pattern_starMatchesAnyRun_andNothingElseIsSpecial() {
    assertThat(SkipPattern.matches("*.crl", "snp.crl")).isTrue();
    assertThat(SkipPattern.matches("*.crl", "snp.crl.x")).isFalse();
    assertThat(SkipPattern.matches("policy.*.measurement", "policy.snp.measurement")).isTrue();
    assertThat(SkipPattern.matches("policy.*.measurement", "policy.snp.measurements")).isFalse();
    assertThat(SkipPattern.matches("a.b", "axb")).isFalse();
  }
}
