package dev.castellan.attestation.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Claims;
import dev.castellan.attestation.PolicyException;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of an appraisal: accepted only if no check failed (the appraisal has already
 * turned every skip the policy does not accept into a failure). Lists every check, the
 * verifier's and the policy's, in order.
 *
 * @param claims the appraised claims
 * @param checks every check with its outcome and reason
 */
public record Verdict(Claims claims, List<Check> checks) {
  public Verdict {
    Objects.requireNonNull(claims, "claims");
    checks = List.copyOf(checks);
  }

  @JsonProperty("accepted")
  public boolean accepted() {
    return checks.stream().noneMatch(Check::failed);
  }

  /** The failed checks, in order. */
  public List<Check> failures() {
    return checks.stream().filter(Check::failed).toList();
  }

  /**
   * Returns normally if accepted.
   *
   * @throws PolicyException naming the first failed check
   */
  public void requireAccepted() throws PolicyException {
    List<Check> failed = failures();
    if (!failed.isEmpty()) {
      Check first = failed.getFirst();
      throw new PolicyException(
          first.name(),
          first.reason() + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more)" : ""));
    }
  }
}
