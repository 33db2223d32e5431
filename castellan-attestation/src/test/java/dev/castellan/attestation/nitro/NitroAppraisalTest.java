package dev.castellan.attestation.nitro;

import dev.castellan.attestation.policy.TestPolicies;
import static dev.castellan.attestation.nitro.NitroVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.NitroReference;
import dev.castellan.attestation.policy.Verdict;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.testkit.Failures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
      Verdict verdict = appraise(v, TestPolicies.rulesOnly());
      assertThat(verdict.accepted()).as(v.file()).isEqualTo(!v.debug());
      if (v.debug()) {
        assertThat(verdict.failures()).extracting(Check::name).containsExactly("policy.debug");
      }
    }
  }

  /** evervault's test spec: the documented PCRs match; all-zero or garbled PCRs must not. */
  @Test
  void appraise_evervaultCertDocument_matchesOnlyItsDocumentedPcrs() throws Exception {
    var expected = new TreeMap<Integer, List<ByteString>>();
    expected.put(0, List.of(ByteString.fromHex("d265a83faa7b4fa0d73b82b6d06253e894445922937d0ee5a74fe4891da9817611a71e71b98e5329232902de3cf419af")));
    expected.put(1, List.of(ByteString.fromHex("bcdf05fefccaa8e55bf2c8d6dee9e79bbff31e34bf28a99aa19e6b29c37ee80b214a414b7607236edf26fcb78654e63f")));
    expected.put(2, List.of(ByteString.fromHex("e4f634d24ad83b7f6e49fe283bafdb220f6252fb4a278a858e19d15b7cd0f263b9168ed0bacefb4444266df9f9a77f24")));
    expected.put(8, List.of(ByteString.fromHex("97c5395a83c0d6a04d53ff962663c714c178c24500bf97f78456ed3721d922cf3f940614da4bb90107c439bc4a1443ca")));
    assertThat(appraise(EVERVAULT_CERT, TestPolicies.rulesOnly().withNitro(new NitroReference(expected))).accepted()).isTrue();
    var zeros = new TreeMap<Integer, List<ByteString>>();
    for (int i : new int[] {0, 1, 2, 8}) {
      zeros.put(i, List.of(ByteString.of(new byte[48])));
    }
    Verdict verdict = appraise(EVERVAULT_CERT, TestPolicies.rulesOnly().withNitro(new NitroReference(zeros)));
    assertThat(verdict.failures()).extracting(Check::name)
        .containsExactly("policy.nitro.measurement", "policy.nitro.pcr.1", "policy.nitro.pcr.2", "policy.nitro.pcr.8");
  }

  @Test
  void appraise_pcrReference_acceptsOnlyMatchingPcr0() throws Exception {
    var pcrs = new TreeMap<Integer, List<ByteString>>();
    pcrs.put(0, List.of(ByteString.fromHex(
        "22f9e1c949208da55eb01b9b9fc88f87454f77ba133f0d82320b509621c92482152a99d0a12335b97178c02d6f977d01")));
    AppraisalPolicy policy = TestPolicies.rulesOnly().withNitro(new NitroReference(pcrs));
    assertThat(appraise(VERACRUZ, policy).accepted()).isTrue();
    Verdict other = appraise(EVERVAULT_VALID, policy);
    assertThat(other.failures()).extracting(Check::name).containsExactly("policy.nitro.measurement");
  }

  private static final ByteString VERACRUZ_PCR0 = ByteString.fromHex(
      "22f9e1c949208da55eb01b9b9fc88f87454f77ba133f0d82320b509621c92482152a99d0a12335b97178c02d6f977d01");

  private Verdict appraiseAt(Vector v, Instant at, AppraisalPolicy policy) throws Exception {
    return Appraisal.appraise(policy, verifier.verify(v.evidence(), v.request(Freshness.none()).withTime(at)));
  }

  private static NitroClaims claims(Vector v) throws Exception {
    return (NitroClaims) NitroVerifier.create().verify(v.evidence(), v.request(Freshness.none())).claims();
  }

  @Test
  void appraise_pcr1_matchingPasses_mismatchFailsNamingPcr1() throws Exception {
    NitroClaims c = claims(VERACRUZ);
    NitroReference pinned = NitroReference.any().withPcr(0, List.of(VERACRUZ_PCR0))
        .withPcr(1, List.of(c.pcr(1).orElseThrow()));
    Verdict good = appraise(VERACRUZ, TestPolicies.rulesOnly().withNitro(pinned));
    assertThat(good.accepted()).isTrue();
    assertThat(good.checks()).filteredOn(ch -> ch.name().equals("policy.nitro.pcr.1")).singleElement()
        .satisfies(ch -> assertThat(ch.passed()).isTrue());
    byte[] other = c.pcr(1).orElseThrow().toByteArray();
    other[47] ^= 1;
    Verdict bad = appraise(VERACRUZ, TestPolicies.rulesOnly().withNitro(pinned.withPcr(1, List.of(ByteString.of(other)))));
    assertThat(bad.failures()).extracting(Check::name).containsExactly("policy.nitro.pcr.1");
  }

  @Test
  void appraise_everyPcr0To8_eachPinnedAlone_passesAndFailsOnItsOwn() throws Exception {
    NitroClaims c = claims(EVERVAULT_VALID);
    Failures failures = new Failures();
    for (int i = 0; i <= 8; i++) {
      int index = i;
      failures.check("PCR" + i, () -> {
        ByteString actual = c.pcr(index).orElseThrow();
        NitroReference pinned = NitroReference.any().withPcr(index, List.of(actual));
        assertThat(appraise(EVERVAULT_VALID, TestPolicies.rulesOnly().withNitro(pinned)).accepted()).isTrue();
        byte[] flipped = actual.toByteArray();
        flipped[0] ^= (byte) 0x80;
        Verdict bad = appraise(EVERVAULT_VALID,
            TestPolicies.rulesOnly().withNitro(NitroReference.any().withPcr(index, List.of(ByteString.of(flipped)))));
        assertThat(bad.failures()).extracting(Check::name)
            .containsExactly(index == 0 ? "policy.nitro.measurement" : "policy.nitro.pcr." + index);
      });
    }
    failures.assertNone(9);
  }

  @Test
  void appraise_moduleIdGlob_matchingPasses_otherFails() throws Exception {
    AppraisalPolicy matching = TestPolicies.rulesOnly()
        .withNitro(NitroReference.any().withModuleId("i-04fd167167daacf3b-enc*"));
    Verdict good = appraise(VERACRUZ, matching);
    assertThat(good.accepted()).isTrue();
    assertThat(good.checks()).extracting(Check::name).contains("policy.nitro.module-id");
    assertThat(appraise(VERACRUZ, TestPolicies.rulesOnly()
        .withNitro(NitroReference.any().withModuleId("i-04fd167167daacf3b-enc01845e97d0b3eb4e"))).accepted()).isTrue();
    for (String other : List.of("i-020b6af9246d90e92-enc*", "i-04fd167167daacf3b", "*-enc01845e97d0b3eb4", "x*")) {
      Verdict bad = appraise(VERACRUZ, TestPolicies.rulesOnly().withNitro(NitroReference.any().withModuleId(other)));
      assertThat(bad.failures()).as(other).extracting(Check::name).containsExactly("policy.nitro.module-id");
    }
  }

  @Test
  void appraise_unpinnedModuleId_isNamedInTheUnpinnedSkip() throws Exception {
    Verdict verdict = appraise(VERACRUZ, TestPolicies.rulesOnly());
    assertThat(verdict.checks()).filteredOn(ch -> ch.name().equals("policy.nitro.unpinned")).singleElement()
        .satisfies(ch -> assertThat(ch.reason()).contains("module id").contains("PCRs"));
  }

  @Test
  void appraise_documentOlderThanMaxAgeAtTheVerificationTime_fails_acceptedAtItsOwnTime() throws Exception {
    Instant signed = VERACRUZ.timestamp();
    Verdict archived = appraiseAt(VERACRUZ, signed.plus(Duration.ofMinutes(6)), TestPolicies.rulesOnly());
    assertThat(archived.failures()).extracting(Check::name).containsExactly("policy.nitro.max-age");
    assertThat(archived.failures().getFirst().reason()).contains("PT6M").contains("older than PT5M");
    assertThat(appraiseAt(VERACRUZ, signed, TestPolicies.rulesOnly()).accepted()).isTrue();
    assertThat(appraiseAt(VERACRUZ, signed.plus(NitroReference.DEFAULT_MAX_AGE), TestPolicies.rulesOnly()).accepted())
        .isTrue();
    assertThat(appraiseAt(VERACRUZ, signed.plus(NitroReference.DEFAULT_MAX_AGE).plusMillis(1), TestPolicies.rulesOnly())
        .accepted()).isFalse();
    AppraisalPolicy tenMinutes = TestPolicies.rulesOnly().withNitro(NitroReference.any().withMaxAge(Duration.ofMinutes(10)));
    assertThat(appraiseAt(VERACRUZ, signed.plus(Duration.ofMinutes(6)), tenMinutes).accepted()).isTrue();
    AppraisalPolicy fromJson = TestPolicies.rulesOnly().withNitro(AppraisalPolicy.fromJson(
        "{\"nitro\": {\"maxAgeSeconds\": 600}}".getBytes(StandardCharsets.UTF_8)).nitro());
    assertThat(appraiseAt(VERACRUZ, signed.plus(Duration.ofMinutes(6)), fromJson).accepted()).isTrue();
  }
}
