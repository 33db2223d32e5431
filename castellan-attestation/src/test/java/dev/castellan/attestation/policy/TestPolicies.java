package dev.castellan.attestation.policy;

/** Policies for tests that exercise one rule and verify vectors without a measurement pin or nonce. */
public final class TestPolicies {
  private TestPolicies() {}

  /** The strict defaults, also accepting an unpinned measurement and explicitly skipped freshness. */
  public static AppraisalPolicy rulesOnly() {
    return AppraisalPolicy.defaults()
        .withAcceptSkipped(AppraisalPolicy.MEASUREMENT_CHECKS, AppraisalPolicy.FRESHNESS_CHECKS);
  }
}
