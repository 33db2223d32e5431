package dev.castellan.attestation.sgx;

import static dev.castellan.attestation.sgx.SgxVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SgxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.SgxReference;
import dev.castellan.attestation.policy.TestPolicies;
import dev.castellan.attestation.policy.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every SGX reference value with one passing and one failing pin, on the claims of the real
 * quote (MRENCLAVE 33d8…, MRSIGNER 815f…, ISVPRODID 0, ISVSVN 0, FLAGS 0x05 = INIT|MODE64BIT),
 * and the policy JSON of {@code docs/policy/sgx.md}.
 */
class SgxReferenceTest {
  private static final String MRENCLAVE =
      "33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb";
  private static final String MRSIGNER =
      "815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6";
  /** FLAGS bit 0 (INIT) and bit 2 (MODE64BIT), as 16 ATTRIBUTES bytes. */
  private static final ByteString INIT_MODE64 = mask(0x05);
  private static final ByteString DEBUG = mask(0x02);
  private static final ByteString MODE64 = mask(0x04);
  private static AttestationResult result;

  @BeforeAll
  static void verifyOnce() throws Exception {
    result = verify(quote(), collateral());
  }

  /** The reference under test, on top of a policy that accepts the quote's TCB. */
  private static Verdict appraise(UnaryOperator<SgxReference> pin) {
    SgxReference base = SgxReference.any()
        .withAllowedTcbStatuses(EnumSet.of(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED));
    return Appraisal.appraise(TestPolicies.rulesOnly().withSgx(pin.apply(base)), result);
  }

  private static Check check(Verdict verdict, String name) {
    return verdict.checks().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + verdict.checks()));
  }

  private static void passesAndFails(String check, UnaryOperator<SgxReference> passing,
      UnaryOperator<SgxReference> failing) {
    Verdict good = appraise(passing);
    assertThat(check(good, check).passed()).as(check + " passing pin").isTrue();
    assertThat(good.accepted()).isTrue();
    Verdict bad = appraise(failing);
    assertThat(bad.failures()).extracting(Check::name).as(check + " failing pin")
        .containsExactly(check);
  }

  @Test
  void mrEnclave_isTheMeasurement() {
    passesAndFails("policy.sgx.measurement",
        r -> r.withMrEnclave(List.of(ByteString.fromHex(MRENCLAVE))),
        r -> r.withMrEnclave(List.of(ByteString.of(new byte[32]))));
    // Unpinned, the measurement SKIP is refused by the strict defaults.
    assertThat(Appraisal.appraise(AppraisalPolicy.defaults().withSgx(SgxReference.any()
            .withAllowedTcbStatuses(EnumSet.allOf(TcbStatus.class))
            .withMrEnclave(List.of())), result).failures())
        .extracting(Check::name).contains("policy.sgx.measurement");
  }

  @Test
  void mrSigner() {
    passesAndFails("policy.sgx.mrsigner",
        r -> r.withMrSigner(List.of(ByteString.of(new byte[32]), ByteString.fromHex(MRSIGNER))),
        r -> r.withMrSigner(List.of(ByteString.of(new byte[32]))));
  }

  @Test
  void isvProdId() {
    passesAndFails("policy.sgx.isv-prod-id", r -> r.withIsvProdId(0), r -> r.withIsvProdId(1));
  }

  @Test
  void minIsvSvn() {
    passesAndFails("policy.sgx.isv-svn", r -> r.withMinIsvSvn(0), r -> r.withMinIsvSvn(1));
  }

  @Test
  void requiredAttributes() {
    passesAndFails("policy.sgx.attributes.required",
        r -> r.withAttributes(INIT_MODE64, DEBUG), r -> r.withAttributes(DEBUG, mask(0)));
  }

  @Test
  void forbiddenAttributes() {
    passesAndFails("policy.sgx.attributes.forbidden",
        r -> r.withAttributes(mask(0), DEBUG), r -> r.withAttributes(mask(0), MODE64));
  }

  @Test
  void acceptedAdvisoryIds() {
    passesAndFails("policy.sgx.advisory-ids",
        r -> r.withAcceptedAdvisoryIds(Set.of("INTEL-SA-00289", "INTEL-SA-00615")),
        r -> r.withAcceptedAdvisoryIds(Set.of()));
  }

  @Test
  void allowedTcbStatuses() {
    passesAndFails("policy.sgx.tcb-status", r -> r,
        r -> r.withAllowedTcbStatuses(EnumSet.of(TcbStatus.UP_TO_DATE, TcbStatus.OUT_OF_DATE)));
  }

  @Test
  void unconfiguredValues_areNamedInOneUnpinnedSkip() {
    Check unpinned = check(appraise(r -> r), "policy.sgx.unpinned");
    assertThat(unpinned.skipped()).isTrue();
    assertThat(unpinned.reason()).contains("MRSIGNER", "ISVPRODID", "minimum ISVSVN",
        "required ATTRIBUTES", "forbidden ATTRIBUTES", "accepted advisory IDs");
    Verdict allPinned = appraise(r -> r.withMrSigner(List.of(ByteString.fromHex(MRSIGNER)))
        .withIsvProdId(0).withMinIsvSvn(0).withAttributes(INIT_MODE64, DEBUG)
        .withAcceptedAdvisoryIds(Set.of("INTEL-SA-00289", "INTEL-SA-00615")));
    assertThat(allPinned.checks()).extracting(Check::name)
        .doesNotContain("policy.sgx.unpinned")
        .contains("policy.sgx.mrsigner", "policy.sgx.isv-prod-id", "policy.sgx.isv-svn",
            "policy.sgx.attributes.required", "policy.sgx.attributes.forbidden",
            "policy.sgx.advisory-ids");
  }

  @Test
  void debugEnclave_isRejectedUnlessDebugIsAllowed() {
    SgxClaims real = claims(result);
    byte[] attributes = real.attributes().toByteArray();
    attributes[0] |= 0x02;
    SgxClaims debug = new SgxClaims(3, real.cpuSvn(), real.miscSelect(),
        ByteString.of(attributes), real.mrEnclave(), real.mrSigner(), 0, 0, real.configId(), 0,
        real.isvExtProdId(), real.isvFamilyId(), real.reportData(), real.fmspc(),
        TcbStatus.UP_TO_DATE, List.of(), false);
    assertThat(debug.debug()).isTrue();
    AttestationResult debugResult = new AttestationResult(debug, List.of());
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly(), debugResult).failures())
        .extracting(Check::name).containsExactly("policy.debug");
    assertThat(Appraisal.appraise(TestPolicies.rulesOnly().withAllowDebug(true), debugResult)
        .accepted()).isTrue();
  }

  @Test
  void fromJson_readsEveryKey() throws Exception {
    String json = """
        {"sgx": {"mrEnclave": ["%s"], "mrSigner": ["%s"], "isvProdId": 0, "minIsvSvn": 0,
                 "requiredAttributes": "05000000000000000000000000000000",
                 "forbiddenAttributes": "02000000000000000000000000000000",
                 "allowedTcbStatuses": ["UP_TO_DATE", "configuration_and_sw_hardening_needed"],
                 "acceptedAdvisoryIds": ["INTEL-SA-00289", "INTEL-SA-00615"]},
         "acceptSkipped": ["defaults", "*.freshness"]}
        """.formatted(MRENCLAVE, MRSIGNER);
    AppraisalPolicy policy = AppraisalPolicy.fromJson(json.getBytes(StandardCharsets.UTF_8));
    SgxReference sgx = policy.sgx();
    assertThat(sgx.mrEnclave()).containsExactly(ByteString.fromHex(MRENCLAVE));
    assertThat(sgx.isvProdId()).isEqualTo(OptionalInt.of(0));
    assertThat(sgx.requiredAttributes()).isEqualTo(Optional.of(INIT_MODE64));
    assertThat(sgx.allowedTcbStatuses()).containsExactlyInAnyOrder(TcbStatus.UP_TO_DATE,
        TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);
    Verdict verdict = Appraisal.appraise(policy, result);
    assertThat(verdict.failures()).isEmpty();
    assertThat(verdict.checks()).extracting(Check::name).doesNotContain("policy.sgx.unpinned");
  }

  @Test
  void fromJson_defaultsAndErrors() throws Exception {
    assertThat(AppraisalPolicy.fromJson("{}".getBytes(StandardCharsets.UTF_8)).sgx())
        .isEqualTo(SgxReference.any());
    assertThat(SgxReference.any().allowedTcbStatuses()).containsExactly(TcbStatus.UP_TO_DATE);
    for (String bad : List.of(
        "{\"sgx\": {\"mrenclave\": []}}",
        "{\"sgx\": {\"mrEnclave\": [\"00\"]}}",
        "{\"sgx\": {\"requiredAttributes\": \"0500\"}}",
        "{\"sgx\": {\"minIsvSvn\": -1}}",
        "{\"sgx\": {\"allowedTcbStatuses\": [\"FINE\"]}}",
        "{\"sgx\": {\"acceptedAdvisoryIds\": [1]}}")) {
      assertThatThrownBy(() -> AppraisalPolicy.fromJson(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad).isInstanceOf(PolicyException.class).hasMessageContaining("policy.json");
    }
  }

  private static ByteString mask(int flagsLowByte) {
    byte[] mask = new byte[16];
    mask[0] = (byte) flagsLowByte;
    return ByteString.of(mask);
  }
}
