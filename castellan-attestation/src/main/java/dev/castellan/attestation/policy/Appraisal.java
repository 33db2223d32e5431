package dev.castellan.attestation.policy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Claims;
import dev.castellan.attestation.GpuClaims;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.SgxClaims;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TpmClaims;
import java.util.ArrayList;
import java.util.List;

/**
 * Appraises a verified {@link AttestationResult} against an {@link AppraisalPolicy}.
 *
 * <p>Contract: evaluates every rule (it does not stop at the first failure) so the verdict
 * explains everything that is wrong; the result is accepted only if no check fails. A skipped
 * check the policy does not accept ({@link AppraisalPolicy#acceptsSkipped}) becomes a FAIL
 * that keeps the reason it was skipped, so nothing passes by omission.
 */
public final class Appraisal {
  private Appraisal() {}

  /** Every SKIP the policy does not accept, turned into a FAIL with the skip's reason. */
  public static List<Check> judgeSkips(AppraisalPolicy policy, List<Check> checks) {
    List<Check> out = new ArrayList<>(checks.size());
    for (Check check : checks) {
      out.add(check.skipped() && !policy.acceptsSkipped(check.name())
          ? Check.fail(check.name(), "not performed (" + check.reason() + ") and the policy requires it")
          : check);
    }
    return out;
  }

  public static Verdict appraise(AppraisalPolicy policy, AttestationResult result) {
    List<Check> checks = new ArrayList<>(result.checks());
    Claims claims = result.claims();
    checks.add(
        claims.simulated()
            ? Check.of("policy.simulated", policy.acceptSimulated(),
                policy.acceptSimulated()
                    ? "SIMULATED evidence accepted by policy"
                    : "SIMULATED evidence: chains to a simulated root, proves nothing about hardware")
            : Check.pass("policy.simulated", "evidence chains to a vendor root"));
    checks.add(
        claims.debug()
            ? Check.of("policy.debug", policy.allowDebug(),
                policy.allowDebug() ? "debug mode accepted by policy" : "environment runs in debug mode")
            : Check.pass("policy.debug", "not in debug mode"));
    checks.addAll(
        switch (claims) {
          case NitroClaims c -> policy.nitro().appraise(c);
          case SnpClaims c -> policy.snp().appraise(c);
          case TdxClaims c -> policy.tdx().appraise(c);
          case TpmClaims c -> policy.tpm().appraise(c);
          case SgxClaims c -> policy.sgx().appraise(c);
          case GpuClaims c -> policy.gpu().appraise(c);
        });
    return new Verdict(claims, judgeSkips(policy, checks));
  }
}
