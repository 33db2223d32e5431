package dev.castellan.authority.acl;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * The authority's access decision: deny by default, grant only when every rule passes.
 *
 * <p>Rules, in order (the first that fails names the denial): the subject is in the ACL; one
 * to {@value #MAX_REQUESTED_SCOPES} scopes, each well formed and listed once; each scope is in
 * the subject's ACL entry; the lifetime, if given, is positive; for each scope that requires
 * evidence, evidence is present and its appraisal against that scope's policy is accepted.
 *
 * <p>Lifetime: a request above a scope's maximum is <em>clamped</em>, not denied; the grant
 * carries the lifetime actually granted (the smallest maximum among the requested scopes) and
 * says it was clamped. Clamping cannot widen anything, and it spares clients from knowing
 * each scope's cap; the issued token's {@code exp} is the authority's decision either way.
 */
public final class AccessPolicy {
  /** Most scopes in one request: a token is for a task, not a role. */
  public static final int MAX_REQUESTED_SCOPES = 16;

  private final Acl acl;
  private final ScopePolicies policies;

  public AccessPolicy(Acl acl, ScopePolicies policies) {
    this.acl = Objects.requireNonNull(acl, "acl");
    this.policies = Objects.requireNonNull(policies, "policies");
  }

  public Decision decide(AccessRequest request) {
    String subject = request.subject();
    Optional<SortedSet<Scope>> allowed = Acl.validSubject(subject) ? acl.allowed(subject) : Optional.empty();
    if (allowed.isEmpty()) {
      return deny(DenyReason.SUBJECT_UNKNOWN, "the subject is not in the ACL");
    }
    List<String> asked = request.scopes();
    if (asked.isEmpty()) {
      return deny(DenyReason.SCOPES_EMPTY, "no scope requested");
    }
    if (asked.size() > MAX_REQUESTED_SCOPES) {
      return deny(DenyReason.SCOPES_TOO_MANY, asked.size() + " scopes requested; at most " + MAX_REQUESTED_SCOPES);
    }
    Set<Scope> scopes = new LinkedHashSet<>();
    for (int i = 0; i < asked.size(); i++) {
      if (!Scope.valid(asked.get(i))) {
        return deny(DenyReason.SCOPE_MALFORMED, "requested scope #" + (i + 1) + " is not resource:action");
      }
      if (!scopes.add(Scope.of(asked.get(i)))) {
        return deny(DenyReason.SCOPE_MALFORMED, "scope " + asked.get(i) + " requested twice");
      }
    }
    for (Scope scope : scopes) {
      if (!allowed.get().contains(scope)) {
        return deny(DenyReason.SCOPE_NOT_ALLOWED, "the ACL does not allow " + subject + " the scope " + scope);
      }
    }
    Duration cap = ScopePolicy.MAX_LIFETIME;
    for (Scope scope : scopes) {
      Duration max = policies.policyFor(scope).maxLifetime();
      cap = max.compareTo(cap) < 0 ? max : cap;
    }
    Optional<Duration> requested = request.lifetime();
    if (requested.isPresent() && (requested.get().isNegative() || requested.get().isZero())) {
      return deny(DenyReason.LIFETIME_INVALID, "the requested lifetime must be positive");
    }
    for (Scope scope : scopes) {
      Optional<Decision> evidenceDenial = appraise(scope, request.evidence());
      if (evidenceDenial.isPresent()) {
        return evidenceDenial.get();
      }
    }
    boolean clamped = requested.isPresent() && requested.get().compareTo(cap) > 0;
    Duration lifetime = requested.isEmpty() || clamped ? cap : requested.get();
    return new Decision.Grant(subject, new ArrayList<>(scopes), lifetime, clamped);
  }

  private Optional<Decision> appraise(Scope scope, Optional<AttestationResult> evidence) {
    ScopePolicy policy = policies.policyFor(scope);
    if (policy.evidence().isEmpty()) {
      return Optional.empty();
    }
    if (evidence.isEmpty()) {
      return Optional.of(deny(DenyReason.EVIDENCE_MISSING, "scope " + scope + " requires fresh attested evidence"));
    }
    Verdict verdict = Appraisal.appraise(policy.evidence().get(), evidence.get());
    if (verdict.accepted()) {
      return Optional.empty();
    }
    String failed = verdict.failures().stream().map(Check::name).limit(8).collect(Collectors.joining(", "));
    return Optional.of(deny(DenyReason.EVIDENCE_REJECTED,
        "the evidence fails the policy of scope " + scope + " (" + failed + ")"));
  }

  private static Decision deny(DenyReason reason, String detail) {
    return new Decision.Deny(reason, detail);
  }
}
