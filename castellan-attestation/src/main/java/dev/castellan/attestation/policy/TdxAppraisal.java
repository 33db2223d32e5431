package dev.castellan.attestation.policy;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TdxClaims.TcbStatus;
import dev.castellan.attestation.tdx.TdAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The checks of {@link TdxReference#appraise}: one per configured value, in a fixed order. */
final class TdxAppraisal {
  private TdxAppraisal() {}

  static List<Check> checks(TdxReference ref, TdxClaims claims) {
    ReferenceChecks refs = new ReferenceChecks("tdx")
        .measurement("MRTD", ref.mrTd(), Optional.of(claims.mrTd()))
        .registers("rtmr", "RTMR", ref.rtmrs(),
            i -> i < claims.rtmrs().size() ? Optional.of(claims.rtmrs().get(i)) : Optional.empty())
        .oneOf("mrconfigid", "MRCONFIGID", ref.mrConfigId(), claims.mrConfigId())
        .oneOf("mrowner", "MROWNER", ref.mrOwner(), claims.mrOwner())
        .oneOf("mrownerconfig", "MROWNERCONFIG", ref.mrOwnerConfig(), claims.mrOwnerConfig())
        .oneOf("mrseam", "MRSEAM", ref.mrSeam(), claims.mrSeam())
        .oneOf("mrsignerseam", "MRSIGNERSEAM", ref.mrSignerSeam(), claims.mrSignerSeam())
        .oneOf("seam-attributes", "SEAM attributes", ref.seamAttributes(),
            claims.seamAttributes());
    tdAttributes(refs, ref, TdAttributes.le64(claims.tdAttributes().toByteArray()));
    long xfam = TdAttributes.le64(claims.xfam().toByteArray());
    ref.xfam().ifPresentOrElse(
        x -> refs.rule("xfam", x.matches(xfam), String.format(Locale.ROOT,
            "XFAM 0x%016x %s 0x%016x under mask 0x%016x", xfam,
            x.matches(xfam) ? "matches" : "does not match", x.value(), x.mask())),
        () -> refs.unpinned("XFAM"));
    ref.minTeeTcbSvn().ifPresentOrElse(
        min -> refs.rule("tee-tcb-svn", atLeast(claims.teeTcbSvn(), min), "TEE_TCB_SVN "
            + claims.teeTcbSvn().hex() + (atLeast(claims.teeTcbSvn(), min)
                ? " meets" : " is below") + " the minimum " + min.hex() + " in every component"),
        () -> refs.unpinned("minimum TEE_TCB_SVN"));
    refs.oneOf("fmspc", "FMSPC", ref.fmspc(), claims.fmspc())
        .oneOf("qe-vendor-id", "QE vendor ID", ref.qeVendorId(), claims.qeVendorId());
    boolean evaluated = claims.tcbStatus() != TcbStatus.NOT_EVALUATED;
    refs.rule("tcb-status", ref.allowedTcbStatuses().contains(claims.tcbStatus()),
        "TCB status " + claims.tcbStatus()
            + (ref.allowedTcbStatuses().contains(claims.tcbStatus()) ? " is in " : " is not in ")
            + ref.allowedTcbStatuses());
    ref.acceptedAdvisoryIds().ifPresentOrElse(
        accepted -> advisories(refs, accepted, claims, evaluated),
        () -> refs.unpinned("accepted advisory IDs"));
    ref.minTcbEvaluationDataNumber().ifPresentOrElse(
        min -> refs.rule("tcb-evaluation-data-number",
            claims.tcbEvaluationDataNumber().isPresent()
                && claims.tcbEvaluationDataNumber().getAsInt() >= min,
            claims.tcbEvaluationDataNumber().isPresent()
                ? "tcbEvaluationDataNumber " + claims.tcbEvaluationDataNumber().getAsInt()
                    + (claims.tcbEvaluationDataNumber().getAsInt() >= min
                        ? " meets" : " is below") + " the minimum " + min
                : "no TCB Info was verified, so its tcbEvaluationDataNumber is unknown"),
        () -> refs.unpinned("minimum tcbEvaluationDataNumber"));
    if (ref.tdxModuleIdentities().isEmpty()) {
      refs.unpinned("TDX module identity");
    } else {
      Optional<String> id = claims.tdxModuleIdentity();
      boolean ok = id.isPresent() && ref.tdxModuleIdentities().contains(id.get());
      refs.rule("tdx-module", ok, id.isEmpty()
          ? "no tdxModuleIdentities entry of TCB Info judged the TDX module"
          : "TDX module identity " + id.get() + " (module TCB " + claims.tdxModuleStatus()
              + (ok ? ") is in " : ") is not in ") + ref.tdxModuleIdentities());
    }
    refs.rule("trailing-data", claims.trailingBytes() == 0 || ref.allowTrailingData(),
        claims.trailingBytes() == 0 || ref.allowTrailingData()
            ? claims.trailingBytes() + " trailing bytes"
            : claims.trailingBytes() + " bytes follow the quote and trailing data is not allowed");
    return refs.result();
  }

  private static void tdAttributes(ReferenceChecks refs, TdxReference ref, long attributes) {
    long required = ref.tdAttributesRequired();
    long forbidden = ref.tdAttributesForbidden();
    if (required == 0 && forbidden == 0) {
      refs.unpinned("TD_ATTRIBUTES");
      return;
    }
    long missing = required & ~attributes;
    long present = forbidden & attributes;
    List<String> problems = new ArrayList<>();
    if (missing != 0) {
      problems.add("required " + TdAttributes.describeAll(missing) + " not set");
    }
    if (present != 0) {
      problems.add("forbidden " + TdAttributes.describeAll(present) + " set");
    }
    refs.rule("td-attributes", problems.isEmpty(), problems.isEmpty()
        ? String.format(Locale.ROOT, "TD_ATTRIBUTES 0x%016x has every required bit and no "
            + "forbidden one", attributes)
        : String.format(Locale.ROOT, "TD_ATTRIBUTES 0x%016x: %s", attributes,
            String.join("; ", problems)));
  }

  private static void advisories(ReferenceChecks refs, Set<String> accepted, TdxClaims claims,
      boolean evaluated) {
    if (!evaluated) {
      refs.rule("advisories", false, "the TCB was not evaluated, so its advisories are unknown");
      return;
    }
    List<String> other = claims.advisoryIds().stream().filter(id -> !accepted.contains(id))
        .toList();
    refs.rule("advisories", other.isEmpty(), other.isEmpty()
        ? "advisories of the TCB level " + escaped(claims.advisoryIds()) + " are all accepted"
        : "advisories not accepted: " + escaped(other));
  }

  private static String escaped(List<String> ids) {
    return ids.stream().map(SafeText::escape).toList().toString();
  }

  /** Every component byte of {@code actual} is at least the one of {@code minimum}. */
  private static boolean atLeast(ByteString actual, ByteString minimum) {
    if (actual.length() != minimum.length()) {
      return false;
    }
    for (int i = 0; i < actual.length(); i++) {
      if ((actual.byteAt(i) & 0xff) < (minimum.byteAt(i) & 0xff)) {
        return false;
      }
    }
    return true;
  }
}
