package dev.castellan.authority.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grants, the lifetime clamp, and one test per deny reason that needs no evidence. */
class AccessPolicyTest {
  final Acl acl = Acl.of(Map.of(
      "vm-7", Set.of(Scope.of("luks:unlock"), Scope.of("net:update"), Scope.of("log:append")),
      "policy-pd", Set.of(Scope.of("net:update"))));
  final AccessPolicy policy = new AccessPolicy(acl, ScopePolicies.defaults());

  static Decision.Deny denied(Decision decision, DenyReason reason) {
    assertThat(decision).isInstanceOf(Decision.Deny.class);
    Decision.Deny deny = (Decision.Deny) decision;
    assertThat(deny.reason()).isEqualTo(reason);
    assertThat(deny.message()).startsWith(reason.rule() + ": ");
    return deny;
  }

  @Test
  void decide_allowedScopesWithoutEvidenceRule_grantedForTheCap() {
    Decision decision = policy.decide(AccessRequest.of("vm-7", "net:update", "log:append"));
    assertThat(decision).isEqualTo(
        new Decision.Grant("vm-7", List.of(Scope.of("net:update"), Scope.of("log:append")), Duration.ofMinutes(5), false));
  }

  @Test
  void decide_shorterLifetime_grantedAsRequested() {
    Decision.Grant grant = (Decision.Grant) policy.decide(AccessRequest.of("policy-pd", "net:update").withLifetime(Duration.ofSeconds(30)));
    assertThat(grant.lifetime()).hasSeconds(30);
    assertThat(grant.clamped()).isFalse();
  }

  @Test
  void decide_lifetimeAboveTheCap_clampedToTheSmallestScopeMaximum() {
    AccessPolicy configured = new AccessPolicy(acl, ScopePolicies.of(Map.of(
        Scope.of("net:update"), new ScopePolicy(Duration.ofSeconds(90), java.util.Optional.empty()))));
    Decision.Grant grant = (Decision.Grant) configured.decide(
        AccessRequest.of("vm-7", "log:append", "net:update").withLifetime(Duration.ofHours(1)));
    assertThat(grant.lifetime()).hasSeconds(90);
    assertThat(grant.clamped()).isTrue();
  }

  @Test
  void decide_unknownOrMalformedSubject_denied() {
    denied(policy.decide(AccessRequest.of("vm-8", "net:update")), DenyReason.SUBJECT_UNKNOWN);
    Decision.Deny malformed = denied(policy.decide(AccessRequest.of("vm-7\n", "net:update")), DenyReason.SUBJECT_UNKNOWN);
    assertThat(malformed.detail()).doesNotContain("\n");
  }

  @Test
  void decide_scopeNotInTheSubjectsAcl_denied() {
    Decision.Deny deny = denied(policy.decide(AccessRequest.of("policy-pd", "net:update", "luks:unlock")), DenyReason.SCOPE_NOT_ALLOWED);
    assertThat(deny.detail()).contains("luks:unlock").contains("policy-pd");
  }

  @Test
  void decide_noScopes_denied() {
    denied(policy.decide(AccessRequest.of("vm-7")), DenyReason.SCOPES_EMPTY);
  }

  @Test
  void decide_tooManyScopes_denied() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= AccessPolicy.MAX_REQUESTED_SCOPES; i++) {
      many.add("s" + i + ":x");
    }
    denied(policy.decide(AccessRequest.of("vm-7", many.toArray(String[]::new))), DenyReason.SCOPES_TOO_MANY);
  }

  @Test
  void decide_malformedOrRepeatedScope_deniedWithoutEchoingIt() {
    Decision.Deny deny = denied(policy.decide(AccessRequest.of("vm-7", "net:update", "NET:\u001b[31m")), DenyReason.SCOPE_MALFORMED);
    assertThat(deny.detail()).contains("#2").doesNotContain("\u001b");
    denied(policy.decide(AccessRequest.of("vm-7", "net:update", "net:update")), DenyReason.SCOPE_MALFORMED);
  }

  @Test
  void decide_zeroOrNegativeLifetime_denied() {
    denied(policy.decide(AccessRequest.of("vm-7", "net:update").withLifetime(Duration.ZERO)), DenyReason.LIFETIME_INVALID);
    denied(policy.decide(AccessRequest.of("vm-7", "net:update").withLifetime(Duration.ofSeconds(-1))), DenyReason.LIFETIME_INVALID);
  }

  @Test
  void decide_unlockScopeByDefaultWithoutEvidence_deniedEvidenceMissing() {
    Decision.Deny deny = denied(policy.decide(AccessRequest.of("vm-7", "luks:unlock")), DenyReason.EVIDENCE_MISSING);
    assertThat(deny.detail()).contains("luks:unlock");
  }
}
