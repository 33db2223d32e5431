package dev.castellan.attestation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.tdx.SimulatedTcbLevel;
import dev.castellan.attestation.tdx.SimulatedTdxKnobs;
import dev.castellan.attestation.tdx.SimulatedTdxQuoteFactory;
import dev.castellan.attestation.tdx.SimulatedTdxQuoteFactory.TdFields;
import dev.castellan.attestation.tdx.TdAttributes;
import dev.castellan.attestation.tdx.TdxVerifier;
import dev.castellan.testkit.Failures;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every TDX reference value, passing and failing, on simulated quotes and collateral that go
 * through the real {@link TdxVerifier}: the simulator's knobs set the field, the policy pins it.
 */
class TdxReferenceTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
  private static final SimulatedTdxQuoteFactory FACTORY =
      SimulatedTdxQuoteFactory.create(new SecureRandom(), START, Duration.ofDays(3650));
  private static final long SEPT_VE_DISABLE = 1L << TdAttributes.SEPT_VE_DISABLE;
  private static final long PKS = 1L << 30;
  private static final byte[] OTHER_FMSPC = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66};

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static ByteString b(int length, int value) {
    return ByteString.of(filled(length, value));
  }

  private static byte[] svn(int... leading) {
    byte[] svn = new byte[16];
    for (int i = 0; i < leading.length; i++) {
      svn[i] = (byte) leading[i];
    }
    return svn;
  }

  private static final TdFields TD = new TdFields(filled(48, 1), filled(48, 2), filled(48, 3),
      filled(48, 4), List.of(filled(48, 5), filled(48, 6), filled(48, 7), filled(48, 8)),
      filled(64, 0), false);

  private static TdxClaims claims(SimulatedTdxKnobs knobs, SimulatedTcbLevel level)
      throws Exception {
    return (TdxClaims) result(knobs, level).claims();
  }

  private static AttestationResult result(SimulatedTdxKnobs knobs, SimulatedTcbLevel level)
      throws Exception {
    VerificationRequest request = VerificationRequest.at(AT, Freshness.none())
        .withCollateral(FACTORY.collateral(START, Duration.ofDays(365), level).toSource());
    return TdxVerifier.create(TrustAnchors.of(FACTORY.root()))
        .verify(Evidence.of(Platform.TDX, FACTORY.quote(TD, knobs)), request);
  }

  /** One reference value against one simulated quote; {@code reason} must be in the check's reason. */
  private record Case(String label, String check, TdxReference reference, SimulatedTdxKnobs knobs,
      SimulatedTcbLevel level, boolean passes, String reason) {}

  private static Case pass(String check, TdxReference ref) {
    return new Case(check + " passes", check, ref, SimulatedTdxKnobs.defaults(),
        SimulatedTcbLevel.defaults(), true, "");
  }

  private static Case fail(String check, TdxReference ref, String reason) {
    return new Case(check + " fails", check, ref, SimulatedTdxKnobs.defaults(),
        SimulatedTcbLevel.defaults(), false, reason);
  }

  private static Case with(Case c, SimulatedTdxKnobs knobs, SimulatedTcbLevel level,
      String label) {
    return new Case(c.label() + " (" + label + ")", c.check(), c.reference(), knobs, level,
        c.passes(), c.reason());
  }

  private static List<Case> cases() {
    TdxReference any = TdxReference.any();
    SimulatedTdxKnobs knobs = SimulatedTdxKnobs.defaults();
    SimulatedTcbLevel level = SimulatedTcbLevel.defaults();
    SimulatedTcbLevel advisory = level.withStatus("UpToDate", List.of("INTEL-SA-00837"));
    SimulatedTdxKnobs versioned = knobs.withTeeTcbSvn(svn(3, 1, 5));
    SimulatedTcbLevel module = level.withTdxComponents(svn(3, 1, 5))
        .withTdxModuleIdentity("UpToDate");
    List<Case> cases = new ArrayList<>();
    cases.add(pass("policy.tdx.measurement", any.withMrTd(List.of(b(48, 9), b(48, 1)))));
    cases.add(fail("policy.tdx.measurement", any.withMrTd(List.of(b(48, 9))), "MRTD"));
    cases.add(pass("policy.tdx.rtmr.2", any.withRtmr(2, List.of(b(48, 7)))));
    cases.add(fail("policy.tdx.rtmr.2", any.withRtmr(2, List.of(b(48, 8))), "RTMR2"));
    cases.add(pass("policy.tdx.rtmr.0", any.withRtmr(0, List.of(b(48, 5)))));
    cases.add(fail("policy.tdx.rtmr.3", any.withRtmr(3, List.of(b(48, 7))), "RTMR3"));
    cases.add(pass("policy.tdx.mrconfigid", any.withMrConfigId(List.of(b(48, 2)))));
    cases.add(fail("policy.tdx.mrconfigid", any.withMrConfigId(List.of(b(48, 3))), "MRCONFIGID"));
    cases.add(pass("policy.tdx.mrowner", any.withMrOwner(List.of(b(48, 3)))));
    cases.add(fail("policy.tdx.mrowner", any.withMrOwner(List.of(b(48, 2))), "MROWNER"));
    cases.add(pass("policy.tdx.mrownerconfig", any.withMrOwnerConfig(List.of(b(48, 4)))));
    cases.add(fail("policy.tdx.mrownerconfig", any.withMrOwnerConfig(List.of(b(48, 2))),
        "MROWNERCONFIG"));
    cases.add(with(pass("policy.tdx.mrseam", any.withMrSeam(List.of(b(48, 0xa)))),
        knobs.withMrSeam(filled(48, 0xa)), level, "MRSEAM 0a.."));
    cases.add(fail("policy.tdx.mrseam", any.withMrSeam(List.of(b(48, 0xa))), "MRSEAM"));
    cases.add(pass("policy.tdx.mrsignerseam", any.withMrSignerSeam(List.of(b(48, 0)))));
    cases.add(fail("policy.tdx.mrsignerseam", any.withMrSignerSeam(List.of(b(48, 1))),
        "MRSIGNERSEAM"));
    cases.add(pass("policy.tdx.seam-attributes", any.withSeamAttributes(List.of(b(8, 0)))));
    cases.add(fail("policy.tdx.seam-attributes", any.withSeamAttributes(List.of(b(8, 1))),
        "SEAM attributes"));
    cases.add(pass("policy.tdx.td-attributes", any.withTdAttributes(SEPT_VE_DISABLE, PKS | 1)));
    cases.add(with(fail("policy.tdx.td-attributes", any.withTdAttributes(SEPT_VE_DISABLE, 0),
        "required SEPT_VE_DISABLE (bit 28) not set"), knobs.withTdAttributes(0), level,
        "SEPT_VE_DISABLE clear"));
    cases.add(with(fail("policy.tdx.td-attributes", any.withTdAttributes(0, PKS),
        "forbidden PKS (bit 30) set"), knobs.withTdAttributes(SEPT_VE_DISABLE | PKS), level,
        "PKS set"));
    cases.add(pass("policy.tdx.xfam", any.withXfam(0xe7, -1L)));
    cases.add(fail("policy.tdx.xfam", any.withXfam(0x2e7, -1L), "does not match"));
    cases.add(with(pass("policy.tdx.xfam", any.withXfam(0xe7, 0xffL)), knobs.withXfam(0x602e7),
        level, "AMX and PKRU outside the mask"));
    cases.add(with(fail("policy.tdx.xfam", any.withXfam(0xe7, -1L), "0x00000000000602e7"),
        knobs.withXfam(0x602e7), level, "AMX and PKRU"));
    cases.add(pass("policy.tdx.tee-tcb-svn", any.withMinTeeTcbSvn(ByteString.of(svn(3, 0, 5)))));
    cases.add(fail("policy.tdx.tee-tcb-svn", any.withMinTeeTcbSvn(ByteString.of(svn(3, 0, 6))),
        "is below"));
    cases.add(with(pass("policy.tdx.tee-tcb-svn", any.withMinTeeTcbSvn(ByteString.of(svn(4)))),
        knobs.withTeeTcbSvn(svn(4, 0, 5)), level, "module SVN 4"));
    ByteString fmspc = ByteString.of(SimulatedTdxQuoteFactory.FMSPC);
    cases.add(pass("policy.tdx.fmspc", any.withFmspc(List.of(fmspc))));
    cases.add(with(fail("policy.tdx.fmspc", any.withFmspc(List.of(fmspc)), "FMSPC 112233445566"),
        knobs.withFmspc(OTHER_FMSPC), level.withFmspc(OTHER_FMSPC), "another platform"));
    cases.add(pass("policy.tdx.qe-vendor-id", any.withQeVendorId(
        List.of(ByteString.fromHex("939a7233f79c4ca9940a0db3957f0607")))));
    cases.add(fail("policy.tdx.qe-vendor-id", any.withQeVendorId(List.of(b(16, 0))),
        "QE vendor ID"));
    cases.add(pass("policy.tdx.tcb-status", any));
    cases.add(with(fail("policy.tdx.tcb-status", any, "OUT_OF_DATE is not in [UP_TO_DATE]"),
        knobs, level.withStatus("OutOfDate", List.of()), "OutOfDate level"));
    cases.add(with(pass("policy.tdx.tcb-status", any.withAllowedTcbStatuses(
        EnumSet.of(TcbStatus.UP_TO_DATE, TcbStatus.OUT_OF_DATE))), knobs,
        level.withStatus("OutOfDate", List.of()), "OutOfDate allowed"));
    cases.add(with(pass("policy.tdx.advisories",
        any.withAcceptedAdvisoryIds(Set.of("INTEL-SA-00837", "INTEL-SA-00960"))), knobs,
        advisory, "INTEL-SA-00837 accepted"));
    cases.add(with(fail("policy.tdx.advisories", any.withAcceptedAdvisoryIds(
        Set.of("INTEL-SA-00960")), "not accepted: [INTEL-SA-00837]"), knobs, advisory,
        "INTEL-SA-00837 not on the list"));
    cases.add(with(fail("policy.tdx.advisories", any.withAcceptedAdvisoryIds(Set.of()),
        "INTEL-SA-00837"), knobs, advisory, "no advisory accepted"));
    cases.add(pass("policy.tdx.advisories", any.withAcceptedAdvisoryIds(Set.of())));
    cases.add(with(pass("policy.tdx.tcb-evaluation-data-number",
        any.withMinTcbEvaluationDataNumber(17)), knobs, level.withTcbEvaluationDataNumber(17),
        "17"));
    cases.add(with(fail("policy.tdx.tcb-evaluation-data-number",
        any.withMinTcbEvaluationDataNumber(18), "17 is below the minimum 18"), knobs,
        level.withTcbEvaluationDataNumber(17), "17"));
    cases.add(with(pass("policy.tdx.tdx-module", any.withTdxModuleIdentities(List.of("TDX_01"))),
        versioned, module, "module TDX_01"));
    cases.add(with(fail("policy.tdx.tdx-module", any.withTdxModuleIdentities(List.of("TDX_02")),
        "TDX_01"), versioned, module, "module TDX_01"));
    cases.add(fail("policy.tdx.tdx-module", any.withTdxModuleIdentities(List.of("TDX_01")),
        "no tdxModuleIdentities entry"));
    cases.add(with(fail("policy.tdx.tcb-status", any, "OUT_OF_DATE"), versioned,
        level.withTdxComponents(svn(3, 1, 5)).withTdxModuleIdentity("OutOfDate"),
        "module TCB level OutOfDate"));
    return cases;
  }

  @Test
  void appraise_everyReferenceValue_passesAndFailsThroughTheVerifier() {
    Failures failures = new Failures();
    List<Case> cases = cases();
    for (Case c : cases) {
      failures.check(c.label(), () -> {
        List<Check> checks = c.reference().appraise(claims(c.knobs(), c.level()));
        Check check = checks.stream().filter(k -> k.name().equals(c.check())).findFirst()
            .orElseThrow(() -> new AssertionError("no check " + c.check() + " in " + checks));
        assertThat(check.passed()).as(check.toString()).isEqualTo(c.passes());
        assertThat(check.failed()).as(check.toString()).isEqualTo(!c.passes());
        assertThat(check.reason()).contains(c.reason());
      });
    }
    failures.assertNone(cases.size());
  }

  @Test
  void appraise_pinnedPolicy_acceptsTheMatchingQuoteAndRefusesARtmrMismatch() throws Exception {
    TdxReference ref = TdxReference.any().withMrTd(List.of(b(48, 1)))
        .withRtmr(1, List.of(b(48, 6))).withTdAttributes(SEPT_VE_DISABLE, 1)
        .withFmspc(List.of(ByteString.of(SimulatedTdxQuoteFactory.FMSPC)));
    AppraisalPolicy policy = AppraisalPolicy.defaults().withAcceptSimulated(true)
        .withAcceptSkipped(AppraisalPolicy.FRESHNESS_CHECKS).withTdx(ref);
    AttestationResult result = result(SimulatedTdxKnobs.defaults(), SimulatedTcbLevel.defaults());
    assertThat(Appraisal.appraise(policy, result).accepted()).isTrue();
    Verdict refused = Appraisal.appraise(policy.withTdx(ref.withRtmr(1, List.of(b(48, 5)))),
        result);
    assertThat(refused.failures()).extracting(Check::name).containsExactly("policy.tdx.rtmr.1");
  }

  @Test
  void verify_tdxModuleWhoseMrSignerSeamIsNotTheIdentitys_isRejected() {
    // MRSIGNERSEAM is matched against the TCB Info module identity (tdxModule, and the
    // tdxModuleIdentities entry of a versioned module) before any policy.
    Failures failures = new Failures();
    SimulatedTcbLevel module = SimulatedTcbLevel.defaults().withTdxComponents(svn(3, 1, 5))
        .withTdxModuleIdentity("UpToDate");
    SimulatedTdxKnobs foreign = SimulatedTdxKnobs.defaults().withMrSignerSeam(filled(48, 1));
    failures.check("unversioned", () -> assertThatThrownBy(
            () -> result(foreign, SimulatedTcbLevel.defaults()))
        .isInstanceOf(dev.castellan.attestation.BindingException.class)
        .hasMessageContaining("tdx.module-identity").hasMessageContaining("MRSIGNER_SEAM"));
    failures.check("versioned", () -> assertThatThrownBy(
            () -> result(foreign.withTeeTcbSvn(svn(3, 1, 5)), module))
        .isInstanceOf(dev.castellan.attestation.BindingException.class)
        .hasMessageContaining("tdx.module-identity"));
    failures.assertNone(2);
  }

  @Test
  void appraise_nothingPinned_namesEveryValueInOneUnpinnedSkip() throws Exception {
    List<Check> checks = TdxReference.any().appraise(
        claims(SimulatedTdxKnobs.defaults(), SimulatedTcbLevel.defaults()));
    Check unpinned = checks.stream().filter(c -> c.name().equals("policy.tdx.unpinned"))
        .findFirst().orElseThrow();
    assertThat(unpinned.skipped()).isTrue();
    assertThat(unpinned.reason()).contains("RTMRs", "MRCONFIGID", "MROWNER", "MROWNERCONFIG",
        "MRSEAM", "MRSIGNERSEAM", "SEAM attributes", "TD_ATTRIBUTES", "XFAM",
        "minimum TEE_TCB_SVN", "FMSPC", "QE vendor ID", "accepted advisory IDs",
        "minimum tcbEvaluationDataNumber", "TDX module identity");
    assertThat(checks).filteredOn(c -> c.name().equals("policy.tdx.measurement"))
        .allMatch(Check::skipped);
  }

  @Test
  void fromJson_everyKey_readsTheSameReferenceAsTheWithers() throws Exception {
    String hex48 = "01".repeat(48);
    String json = """
        {"tdx": {
          "mrTd": ["%1$s"], "rtmrs": {"2": ["%1$s"]}, "mrConfigId": ["%1$s"],
          "mrOwner": ["%1$s"], "mrOwnerConfig": ["%1$s"], "mrSeam": ["%1$s"],
          "mrSignerSeam": ["%1$s"], "seamAttributes": ["0000000000000000"],
          "tdAttributesRequired": ["SEPT_VE_DISABLE"], "tdAttributesForbidden": ["DEBUG", 30],
          "xfam": "0xe7", "xfamMask": "00000000000000ff", "minTeeTcbSvn": "03000500000000000000000000000000",
          "fmspc": ["00c05e510000"], "qeVendorId": ["939a7233f79c4ca9940a0db3957f0607"],
          "allowedTcbStatuses": ["UpToDate", "SW_HARDENING_NEEDED"],
          "acceptedAdvisoryIds": ["INTEL-SA-00837"], "minTcbEvaluationDataNumber": 17,
          "tdxModuleIdentities": ["TDX_01"], "allowTrailingData": true}}
        """.formatted(hex48);
    TdxReference read = AppraisalPolicy.fromJson(json.getBytes(StandardCharsets.UTF_8)).tdx();
    ByteString v = ByteString.fromHex(hex48);
    TdxReference expected = TdxReference.any().withMrTd(List.of(v)).withRtmr(2, List.of(v))
        .withMrConfigId(List.of(v)).withMrOwner(List.of(v)).withMrOwnerConfig(List.of(v))
        .withMrSeam(List.of(v)).withMrSignerSeam(List.of(v))
        .withSeamAttributes(List.of(ByteString.of(new byte[8])))
        .withTdAttributes(SEPT_VE_DISABLE, 1 | PKS).withXfam(0xe7, 0xff)
        .withMinTeeTcbSvn(ByteString.of(svn(3, 0, 5)))
        .withFmspc(List.of(ByteString.fromHex("00c05e510000")))
        .withQeVendorId(List.of(ByteString.fromHex("939a7233f79c4ca9940a0db3957f0607")))
        .withAllowedTcbStatuses(EnumSet.of(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED))
        .withAcceptedAdvisoryIds(Set.of("INTEL-SA-00837")).withMinTcbEvaluationDataNumber(17)
        .withTdxModuleIdentities(List.of("TDX_01")).withAllowTrailingData(true);
    assertThat(read).isEqualTo(expected);
    assertThat(AppraisalPolicy.fromJson("{\"tdx\": {}}".getBytes(StandardCharsets.UTF_8)).tdx())
        .isEqualTo(TdxReference.any());
  }

  @Test
  void fromJson_badValues_areRefusedNamingTheKey() {
    String[][] cases = {
      {"{\"mrTD\": []}", "mrTD"},
      {"{\"tdAttributesRequired\": [\"DEBUG\"], \"tdAttributesForbidden\": [0]}", "both required and forbidden"},
      {"{\"tdAttributesForbidden\": [\"NO_SUCH_BIT\"]}", "unknown TD attribute"},
      {"{\"tdAttributesForbidden\": [64]}", "tdAttributesForbidden"},
      {"{\"xfamMask\": \"ff\"}", "xfamMask needs xfam"},
      {"{\"xfam\": \"0xg7\"}", "xfam"},
      {"{\"xfam\": 231}", "xfam"},
      {"{\"minTeeTcbSvn\": \"0300\"}", "minTeeTcbSvn"},
      {"{\"allowedTcbStatuses\": [\"Fine\"]}", "unknown TCB status"},
      {"{\"allowedTcbStatuses\": []}", "at least one"},
      {"{\"rtmrs\": {\"4\": []}}", "rtmrs"},
      {"{\"minTcbEvaluationDataNumber\": -1}", "minTcbEvaluationDataNumber"},
      {"{\"fmspc\": [\"00c05e51\"]}", "fmspc"},
    };
    Failures failures = new Failures();
    for (String[] c : cases) {
      failures.check(c[0], () -> assertThatThrownBy(() -> AppraisalPolicy.fromJson(
              ("{\"tdx\": " + c[0] + "}").getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(PolicyException.class).hasMessageContaining(c[1]));
    }
    failures.assertNone(cases.length);
  }

  @Test
  void withers_validateTheirArguments() {
    assertThatThrownBy(() -> TdxReference.any().withRtmr(4, List.of(b(48, 0))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TdxReference.any().withAllowedTcbStatuses(Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TdxReference.any().withTdAttributes(1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TdxReference.any().withRtmr(1, List.of(b(48, 0))).withRtmr(1, List.of()))
        .isEqualTo(TdxReference.any());
  }
}
