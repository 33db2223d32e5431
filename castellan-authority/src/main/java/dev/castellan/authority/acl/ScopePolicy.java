package dev.castellan.authority.acl;

import dev.castellan.attestation.policy.AppraisalPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The terms on which one scope is granted: the longest token lifetime, and whether fresh
 * attested evidence is required, with the {@link AppraisalPolicy} (reference values, simulated
 * or not, freshness) it must meet.
 *
 * <p>Defaults ({@link #defaultFor}): {@code *:unlock} scopes 60 s and evidence required under
 * {@link AppraisalPolicy#defaults()}, which refuses simulated evidence and an unpinned
 * measurement, so an unlock scope is granted only once its policy pins reference values;
 * every other scope 5 min and no evidence. No scope may allow more than {@link
 * #MAX_LIFETIME} (tokens MUST be short-lived, seed 004's token spec).
 *
 * @param maxLifetime the longest lifetime granted, 1 s..5 min
 * @param evidence the appraisal policy evidence must meet; empty if no evidence is required
 */
public record ScopePolicy(Duration maxLifetime, Optional<AppraisalPolicy> evidence) {
  /** The hard maximum for every scope: five minutes. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

  /** The default for {@code *:unlock} scopes: 60 s. */
  public static final Duration UNLOCK_LIFETIME = Duration.ofSeconds(60);

  public ScopePolicy {
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    Objects.requireNonNull(evidence, "evidence");
    if (maxLifetime.compareTo(Duration.ofSeconds(1)) < 0 || maxLifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("a scope's maximum lifetime is 1 s..5 min");
    }
  }

  /** The policy of a scope the policy file does not mention. */
  public static ScopePolicy defaultFor(Scope scope) {
    return scope.isUnlock()
        ? new ScopePolicy(UNLOCK_LIFETIME, Optional.of(AppraisalPolicy.defaults()))
        : new ScopePolicy(MAX_LIFETIME, Optional.empty());
  }

  public boolean requiresEvidence() {
    return evidence.isPresent();
  }
}
