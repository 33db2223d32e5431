package dev.castellan.attestation.nitro;

import static dev.castellan.attestation.nitro.NitroVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.NitroReference;
import dev.castellan.attestation.policy.Verdict;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Section 5, case 7, and PCR reference values. */
class NitroAppraisalTest {
  private final NitroVerifier verifier = NitroVerifier.create();

  private Verdict appraise(Vector v, AppraisalPolicy policy) throws Exception {
    return Appraisal.appraise(policy, verifier.verify(v.evidence(), v.request(Freshness.none())));
  }

  @Test
  void appraise_debugDocuments_rejectedByProductionPolicy() throws Exception {
    for (Vector v : VALID) {
      Verdict verdict = appraise(v, AppraisalPolicy.defaults());
      assertThat(verdict.accepted()).as(v.file()).isEqualTo(!v.debug());
      if (v.debug()) {
        assertThat(verdict.failures()).extracting(Check::name).containsExactly("policy.debug");
      }
    }
  }

  @Test
  void appraise_pcrReference_acceptsOnlyMatchingPcr0() throws Exception {
    var pcrs = new TreeMap<Integer, List<ByteString>>();
    pcrs.put(0, List.of(ByteString.fromHex(
        "22f9e1c949208da55eb01b9b9fc88f87454f77ba133f0d82320b509621c92482152a99d0a12335b97178c02d6f977d01")));
    AppraisalPolicy policy = AppraisalPolicy.defaults().withNitro(new NitroReference(pcrs));
    assertThat(appraise(VERACRUZ, policy).accepted()).isTrue();
    Verdict other = appraise(EVERVAULT_VALID, policy);
    assertThat(other.failures()).extracting(Check::name).containsExactly("policy.nitro.pcr.0");
  }
}
