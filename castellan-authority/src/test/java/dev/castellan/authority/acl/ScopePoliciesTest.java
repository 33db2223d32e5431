package dev.castellan.authority.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScopePoliciesTest {
  static byte[] json(String text) {
    return AclTest.json(text);
  }

  @Test
  void defaults_unlock60sWithEvidence_others5MinWithout() {
    ScopePolicies defaults = ScopePolicies.defaults();
    ScopePolicy unlock = defaults.policyFor(Scope.of("luks:unlock"));
    assertThat(unlock.maxLifetime()).isEqualTo(Duration.ofSeconds(60));
    assertThat(unlock.requiresEvidence()).isTrue();
    assertThat(unlock.evidence().orElseThrow().acceptSimulated()).isFalse();
    ScopePolicy update = defaults.policyFor(Scope.of("net:update"));
    assertThat(update.maxLifetime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(update.requiresEvidence()).isFalse();
  }

  @Test
  void fromJson_embeddedAppraisalPolicy_isParsedByCastellanAttestation() throws Exception {
    ScopePolicies policies = ScopePolicies.fromJson(json(
        "{'version': 1, 'scopes': {"
            + "'luks:unlock': {'maxLifetimeSeconds': 30, 'appraisalPolicy': {'acceptSimulated': true,"
            + "  'nitro': {'pcrs': {'0': ['" + "ab".repeat(48) + "']}}}},"
            + "'net:update': {'maxLifetimeSeconds': 120, 'requireEvidence': true},"
            + "'log:append': {}}}"));
    ScopePolicy unlock = policies.policyFor(Scope.of("luks:unlock"));
    assertThat(unlock.maxLifetime()).hasSeconds(30);
    assertThat(unlock.evidence().orElseThrow().acceptSimulated()).isTrue();
    assertThat(unlock.evidence().orElseThrow().nitro().pcrs()).containsOnlyKeys(0);
    ScopePolicy update = policies.policyFor(Scope.of("net:update"));
    assertThat(update.maxLifetime()).hasSeconds(120);
    assertThat(update.evidence().orElseThrow().acceptSimulated()).as("strict defaults").isFalse();
    assertThat(policies.policyFor(Scope.of("log:append")).requiresEvidence()).isFalse();
  }

  @Test
  void fromJson_unlockScopeCanOptOutOfEvidenceExplicitly() throws Exception {
    ScopePolicies policies = ScopePolicies.fromJson(json("{'version': 1, 'scopes': {'luks:unlock': {'requireEvidence': false}}}"));
    assertThat(policies.policyFor(Scope.of("luks:unlock")).requiresEvidence()).isFalse();
    assertThat(policies.policyFor(Scope.of("luks:unlock")).maxLifetime()).hasSeconds(60);
  }

  @Test
  void fromJson_lifetimeAboveTheHardMaximumOrNotPositive_refused() {
    for (String value : new String[] {"301", "0", "-5", "1.5", "'60'"}) {
      assertThatThrownBy(() -> ScopePolicies.fromJson(json("{'version': 1, 'scopes': {'net:update': {'maxLifetimeSeconds': " + value + "}}}")))
          .as(value).isInstanceOf(AclFormatException.class).hasMessageContaining("scopes.net:update.maxLifetimeSeconds");
    }
  }

  @Test
  void fromJson_policyButNoEvidence_refused() {
    assertThatThrownBy(() -> ScopePolicies.fromJson(json(
            "{'version': 1, 'scopes': {'net:update': {'requireEvidence': false, 'appraisalPolicy': {}}}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("requireEvidence is false");
  }

  @Test
  void fromJson_unknownMembersAnywhere_refused() {
    assertThatThrownBy(() -> ScopePolicies.fromJson(json("{'version': 1, 'scopes': {'net:update': {'maxLifetime': 60}}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("unknown member");
    assertThatThrownBy(() -> ScopePolicies.fromJson(json(
            "{'version': 1, 'scopes': {'luks:unlock': {'appraisalPolicy': {'acceptSimulate': true}}}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("appraisalPolicy").hasMessageContaining("unknown member");
    assertThatThrownBy(() -> ScopePolicies.fromJson(json("{'version': 1, 'scope': {}}")))
        .isInstanceOf(AclFormatException.class);
  }

  @Test
  void fromJson_duplicateKeyInsideTheEmbeddedPolicy_refused() {
    assertThatThrownBy(() -> ScopePolicies.fromJson(json(
            "{'version': 1, 'scopes': {'luks:unlock': {'appraisalPolicy': {'acceptSimulated': false, 'acceptSimulated': true}}}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("twice");
  }

  @Test
  void fromJson_badScopeName_refused() {
    assertThatThrownBy(() -> ScopePolicies.fromJson(json("{'version': 1, 'scopes': {'luks:*': {}}}")))
        .isInstanceOf(AclFormatException.class).hasMessageContaining("resource:action");
  }
}
