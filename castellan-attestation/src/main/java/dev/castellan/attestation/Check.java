package dev.castellan.attestation;

import java.util.Locale;
import java.util.Objects;

/**
 * One check of a verifier or an appraisal, with its outcome and a reason a person can read.
 * Names are stable, dotted and lower-case ({@code snp.signature}, {@code nitro.chain},
 * {@code policy.snp.measurement}) so that tools can match on them.
 *
 * <p>A check that was not performed (no CRL supplied, no reference value configured,
 * freshness explicitly not requested) is {@link Status#SKIP} with the reason, never PASS. An
 * {@link dev.castellan.attestation.policy.AppraisalPolicy} says which skips are acceptable;
 * every other skip fails the appraisal.
 *
 * @param name stable check name
 * @param status whether the check passed, failed or was not performed
 * @param reason why; MUST NOT contain unescaped attacker bytes (use {@link SafeText})
 */
public record Check(String name, Status status, String reason) {
  /** The outcome of a check. */
  public enum Status {
    PASS,
    FAIL,
    /** Not performed; the reason says why. */
    SKIP;

    /** {@code pass}, {@code fail} or {@code skip}: the JSON form. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  public static Check pass(String name, String reason) {
    return new Check(name, Status.PASS, reason);
  }

  public static Check fail(String name, String reason) {
    return new Check(name, Status.FAIL, reason);
  }

  /** A check that was not performed, with the reason. */
  public static Check skip(String name, String reason) {
    return new Check(name, Status.SKIP, reason);
  }

  /** PASS if {@code passed}, else FAIL. */
  public static Check of(String name, boolean passed, String reason) {
    return new Check(name, passed ? Status.PASS : Status.FAIL, reason);
  }

  public boolean passed() {
    return status == Status.PASS;
  }

  public boolean failed() {
    return status == Status.FAIL;
  }

  public boolean skipped() {
    return status == Status.SKIP;
  }

  /** The same check under another name, e.g. prefixed by the layer that reports it. */
  public Check renamed(String newName) {
    return new Check(newName, status, reason);
  }
}
