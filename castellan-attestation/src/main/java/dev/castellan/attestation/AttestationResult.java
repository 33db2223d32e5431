package dev.castellan.attestation;

import java.util.List;
import java.util.Objects;

/**
 * An Attestation Result (RFC 9334 §3.4) from a {@link Verifier}: the authenticated claims and
 * every check, in order. No check in a result failed (a failed check throws instead); some
 * may be {@link Check.Status#SKIP skipped}, with the reason, for the appraisal to judge.
 *
 * @param claims the typed claims
 * @param checks every check performed, including explicit opt-outs such as {@code
 *     freshness: none}
 */
public record AttestationResult(Claims claims, List<Check> checks) {
  public AttestationResult {
    Objects.requireNonNull(claims, "claims");
    checks = List.copyOf(checks);
    for (Check check : checks) {
      if (check.failed()) {
        throw new IllegalArgumentException("a result must not contain a failed check");
      }
    }
  }

  public Platform platform() {
    return claims.platform();
  }

  public boolean simulated() {
    return claims.simulated();
  }
}
