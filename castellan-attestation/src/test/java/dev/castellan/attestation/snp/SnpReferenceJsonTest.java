package dev.castellan.attestation.snp;

import static dev.castellan.attestation.snp.SnpVectors.VIRTEE_MILAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SnpClaims.SigningKey;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.SnpReference;
import dev.castellan.attestation.policy.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code snp} policy JSON: the example of docs/policy/snp.md, and its errors. */
class SnpReferenceJsonTest {
  static final Path DOC = Path.of("..", "docs", "policy", "snp.md");

  static String docExample() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int start = doc.indexOf("```json\n");
    int end = doc.indexOf("```", start + 8);
    assertThat(start).as("a ```json block in %s", DOC).isNotNegative();
    return doc.substring(start + 8, end);
  }

  static SnpReference snp(String json) throws PolicyException {
    return AppraisalPolicy.fromJson(("{\"snp\": " + json + "}").getBytes(StandardCharsets.UTF_8)).snp();
  }

  @Test
  void docExample_parsesEveryKey_andAcceptsTheVirteeVector() throws Exception {
    AppraisalPolicy policy = AppraisalPolicy.fromJson(docExample().getBytes(StandardCharsets.UTF_8))
        .withAcceptSkipped(AppraisalPolicy.FRESHNESS_CHECKS);
    SnpReference r = policy.snp();
    assertThat(r.minimumTcb()).hasValueSatisfying(t -> assertThat(t.microcode()).isEqualTo(115));
    assertThat(r.minimumAbi()).isPresent();
    assertThat(r.platformTsmeEnabled()).hasValue(false);
    assertThat(r.allowedSigningKeys()).containsExactly(SigningKey.VCEK);
    Verdict verdict = Appraisal.appraise(policy, SnpVerifier.create().verify(VIRTEE_MILAN.evidence(), VIRTEE_MILAN.request()));
    assertThat(verdict.failures()).isEmpty();
    assertThat(verdict.checks()).extracting(Check::name).contains("policy.snp.measurement", "policy.snp.host-data",
        "policy.snp.author-key-digest", "policy.snp.family-id", "policy.snp.image-id", "policy.snp.minimum-tcb",
        "policy.snp.minimum-committed-tcb", "policy.snp.guest-svn", "policy.snp.smt", "policy.snp.abi",
        "policy.snp.tsme", "policy.snp.platform-smt", "policy.snp.report-version", "policy.snp.signing-key",
        "policy.snp.product");
  }

  @Test
  void fromJson_absentKeys_takeTheDefaults() throws Exception {
    SnpReference r = snp("{}");
    assertThat(r).isEqualTo(SnpReference.any());
    assertThat(r.allowedVmpls()).isEqualTo(Set.of(0));
    assertThat(snp("{\"minimumTcb\": {\"snp\": 8}}").minimumTcb().orElseThrow().fmc()).isEqualTo(-1);
    assertThat(snp("{\"chipIds\": [\"" + "ab".repeat(64) + "\"]}").chipIds()).hasSize(1);
  }

  @Test
  void fromJson_invalidValues_throwNamingTheKey() {
    String[][] cases = {
      {"{\"minimumGuestSvm\": 1}", "minimumGuestSvm"},
      {"{\"familyIds\": [\"00\"]}", "familyIds"},
      {"{\"authorKeyDigests\": [\"zz\"]}", "authorKeyDigests"},
      {"{\"minimumTcb\": {\"fmc\": 256}}", "snp.minimumTcb.fmc"},
      {"{\"minimumCommittedTcb\": {\"ucode\": 1}}", "snp.minimumCommittedTcb"},
      {"{\"minimumAbi\": {\"major\": 1, \"patch\": 0}}", "snp.minimumAbi"},
      {"{\"platformInfo\": {\"tsme\": true}}", "snp.platformInfo"},
      {"{\"platformInfo\": {\"tsmeEnabled\": 1}}", "tsmeEnabled"},
      {"{\"allowedSigningKeys\": []}", "allowedSigningKeys"},
      {"{\"allowedSigningKeys\": [\"VXEK\"]}", "allowedSigningKeys"},
      {"{\"minimumReportVersion\": -1}", "minimumReportVersion"},
      {"{\"allowSmt\": \"yes\"}", "allowSmt"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> snp(c[0])).as(c[0]).isInstanceOf(PolicyException.class).hasMessageContaining(c[1]);
    }
  }
}
