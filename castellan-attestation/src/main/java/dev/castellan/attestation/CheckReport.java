package dev.castellan.attestation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one rendering of a list of {@link Check}s with its verdict, shared by every command
 * that prints a verification ({@code castellan verify}, {@code castellan attest verify}) so
 * their text and JSON agree. It lives beside {@link Check} because it is the check model's
 * presentation, not any one client's: verifiers, clients and the CLI all speak it.
 *
 * <p>The verdict: verified only if {@code complete} (the verification ran to the end), at
 * least one check ran and none failed. A verified report is UNPINNED when its measurement
 * check ({@code policy.*.measurement}) was skipped and the policy accepted the skip. A report
 * that failed because no reference value pinned the measurement says {@code measurement not
 * pinned} rather than naming the check.
 *
 * <p>Text: one line per check, {@code "  SKIP  snp.crl<padding>  reason"}, then the verdict
 * line. JSON ({@link #json}): {@code verified}, {@code unpinned}, {@code firstFailure} (only
 * when not verified) and {@code checks: [{name, status: pass|fail|skip, reason}]}.
 *
 * @param checks every check in the order performed
 * @param complete whether the verification ran to its end (false after a fatal error)
 */
public record CheckReport(List<Check> checks, boolean complete) {
  /** The verdict line of a report that failed because the measurement was not pinned. */
  public static final String NOT_PINNED = "NOT VERIFIED: measurement not pinned";

  /** What {@link dev.castellan.attestation.policy.Appraisal} puts before a refused skip's reason. */
  private static final String REFUSED_SKIP = "not performed (";

  public CheckReport {
    checks = List.copyOf(checks);
  }

  public boolean verified() {
    return complete && !checks.isEmpty() && checks.stream().noneMatch(Check::failed);
  }

  /** Verified, and no reference value pinned the launch measurement. */
  public boolean unpinned() {
    return verified() && checks.stream().anyMatch(c -> c.skipped() && isMeasurement(c.name()));
  }

  /** The first failed check, if any. */
  public Optional<Check> firstFailure() {
    return checks.stream().filter(Check::failed).findFirst();
  }

  /** The first failure's name, or {@code no checks ran}. */
  public String firstFailureName() {
    return firstFailure().map(Check::name).orElse(checks.isEmpty() ? "no checks ran" : "verification incomplete");
  }

  /** Whether the verdict is "not verified" because the measurement was not pinned. */
  public boolean measurementNotPinned() {
    return firstFailure().filter(c -> isMeasurement(c.name()) && c.reason().startsWith(REFUSED_SKIP)).isPresent();
  }

  /** One line per check: two spaces, the status, two spaces, the name (padded), two spaces, the reason. */
  public String checkLines() {
    StringBuilder out = new StringBuilder();
    for (Check check : checks) {
      out.append("  ").append(check.status()).append("  ")
          .append(String.format(Locale.ROOT, "%-28s", check.name())).append("  ")
          .append(check.reason()).append('\n');
    }
    return out.toString();
  }

  /**
   * The verdict line (without a line break): {@code VERIFIED}, {@code VERIFIED (UNPINNED:
   * ...)}, {@code NOT VERIFIED: measurement not pinned} or {@code NOT VERIFIED: <check>};
   * {@code detail} (may be empty) follows a verified verdict after {@code "; "}.
   */
  public String verdictLine(String detail) {
    if (verified()) {
      return "VERIFIED" + (unpinned() ? " (UNPINNED: no reference value pins the measurement)" : "")
          + (detail.isEmpty() ? "" : "; " + detail);
    }
    if (measurementNotPinned()) {
      return NOT_PINNED;
    }
    return "NOT VERIFIED: " + firstFailureName();
  }

  /** A hint line to print after a {@link #NOT_PINNED} verdict, or empty. */
  public Optional<String> hint(String pinOptions) {
    return measurementNotPinned()
        ? Optional.of("  (" + firstFailure().get().name() + ": pin the measurement with " + pinOptions
            + ", or accept any with --any-measurement)")
        : Optional.empty();
  }

  /** The shared JSON members, in order; callers add their own (url, file, claims) around them. */
  public Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("verified", verified());
    root.put("unpinned", unpinned());
    if (!verified()) {
      root.put("firstFailure", firstFailureName());
    }
    root.put("checks", checks.stream().map(c -> {
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("name", c.name());
      check.put("status", c.status().json());
      check.put("reason", c.reason());
      return check;
    }).toList());
    return root;
  }

  private static boolean isMeasurement(String name) {
    return name.startsWith("policy.") && name.endsWith(".measurement");
  }
}
