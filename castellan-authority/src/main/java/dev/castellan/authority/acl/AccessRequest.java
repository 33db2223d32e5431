package dev.castellan.authority.acl;

import dev.castellan.attestation.AttestationResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a subject asks for (seed 004's {@code token_issue_req}): scopes as sent, a lifetime, and
 * the {@link AttestationResult} of its evidence if it sent any. The evidence MUST already have
 * been verified by a castellan-attestation {@code Verifier} against a fresh nonce the
 * authority chose; {@link AccessPolicy} appraises it against each scope's policy.
 *
 * @param subject the requesting VM or operator id, as sent
 * @param scopes the requested scopes, as sent (validated by the decision)
 * @param lifetime the requested lifetime; empty for the longest allowed
 * @param evidence the verified evidence, if any
 */
public record AccessRequest(String subject, List<String> scopes, Optional<Duration> lifetime, Optional<AttestationResult> evidence) {
  public AccessRequest {
    Objects.requireNonNull(subject, "subject");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** A request without evidence, for the longest allowed lifetime. */
  public static AccessRequest of(String subject, String... scopes) {
    return new AccessRequest(subject, List.of(scopes), Optional.empty(), Optional.empty());
  }

  public AccessRequest withLifetime(Duration value) {
    return new AccessRequest(subject, scopes, Optional.of(value), evidence);
  }

  public AccessRequest withEvidence(AttestationResult value) {
    return new AccessRequest(subject, scopes, lifetime, Optional.of(value));
  }
}
