package dev.castellan.keys.broker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision of the broker, as its log records it (docs/broker.md, "Decision records"):
 * every release, decrypt and refusal, every administrative change and the lock.
 *
 * @param time when it was decided
 * @param keyId the key
 * @param action {@code release}, {@code decrypt}, {@code create}, {@code put-policy},
 *     {@code delete}, {@code lock}, or {@code recover} (a state newer than the log, re-recorded
 *     at load)
 * @param principal the administrator, for administrative actions; empty for data actions,
 *     whose only credential is the evidence
 * @param evidenceCid CIDv1 (raw, sha2-256) of the evidence bytes, for data actions
 * @param policyDigest hex SHA-256 of the key policy in force (after the change, for admin
 *     actions); empty if the key is unknown
 * @param accepted the verdict
 * @param failedCheck the check that refused it, when not accepted
 * @param generation the key state's generation after an accepted administrative action (0
 *     otherwise)
 * @param locked whether the key is locked after it
 * @param suppressed for a summary of throttled refusals ({@link RefusalThrottle}): how many
 *     refusals of this key, action and check this one record stands for, none of them recorded
 *     one by one (their evidence CIDs are not kept); 0 for every other decision
 */
public record Decision(
    Instant time,
    String keyId,
    String action,
    Optional<String> principal,
    Optional<String> evidenceCid,
    Optional<String> policyDigest,
    boolean accepted,
    Optional<String> failedCheck,
    long generation,
    boolean locked,
    long suppressed) {
  public Decision {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(evidenceCid, "evidenceCid");
    Objects.requireNonNull(policyDigest, "policyDigest");
    Objects.requireNonNull(failedCheck, "failedCheck");
    if (accepted == failedCheck.isPresent()) {
      throw new IllegalArgumentException("a decision names a failed check exactly when it refuses");
    }
    if (suppressed < 0 || (suppressed > 0 && (accepted || evidenceCid.isPresent()))) {
      throw new IllegalArgumentException("only a refusal summary, without evidence, stands for suppressed refusals");
    }
  }

  /** A decision that stands for itself alone. */
  public Decision(Instant time, String keyId, String action, Optional<String> principal, Optional<String> evidenceCid,
      Optional<String> policyDigest, boolean accepted, Optional<String> failedCheck, long generation, boolean locked) {
    this(time, keyId, action, principal, evidenceCid, policyDigest, accepted, failedCheck, generation, locked, 0);
  }

  /** Whether this is a summary of throttled refusals rather than one decision. */
  public boolean summary() {
    return suppressed > 0;
  }

  /** Whether this accepted decision changed the key's administrative state (what a load checks against). */
  public boolean administrative() {
    return accepted && generation > 0;
  }
}
