package dev.castellan.attestation;

import java.util.List;
import java.util.Objects;

/**
 * An Attestation Result (RFC 9334 §3.4) from a {@link Verifier}: the authenticated claims and
 * every check that was performed, in order. All checks in a result passed (a failed check
 * throws instead).
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
      if (!check.passed()) {
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
