package dev.castellan.attestation.policy;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Claims;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.SnpClaims;
import dev.castellan.attestation.TdxClaims;
import dev.castellan.attestation.TpmClaims;
import java.util.ArrayList;
import java.util.List;

/**
 * Appraises a verified {@link AttestationResult} against an {@link AppraisalPolicy}.
 *
 * <p>Contract: evaluates every rule (it does not stop at the first failure) so the verdict
 * explains everything that is wrong; the result is accepted only if all checks pass.
 */
public final class Appraisal {
  private Appraisal() {}

  public static Verdict appraise(AppraisalPolicy policy, AttestationResult result) {
    List<Check> checks = new ArrayList<>(result.checks());
    Claims claims = result.claims();
    checks.add(
        claims.simulated()
            ? new Check("policy.simulated", policy.acceptSimulated(),
                policy.acceptSimulated()
                    ? "SIMULATED evidence accepted by policy"
                    : "SIMULATED evidence: chains to a simulated root, proves nothing about hardware")
            : Check.pass("policy.simulated", "evidence chains to a vendor root"));
    checks.add(
        claims.debug()
            ? new Check("policy.debug", policy.allowDebug(),
                policy.allowDebug() ? "debug mode accepted by policy" : "environment runs in debug mode")
            : Check.pass("policy.debug", "not in debug mode"));
    checks.addAll(
        switch (claims) {
          case NitroClaims c -> policy.nitro().appraise(c);
          case SnpClaims c -> policy.snp().appraise(c);
          case TdxClaims c -> policy.tdx().appraise(c);
          case TpmClaims c -> policy.tpm().appraise(c);
        });
    return new Verdict(claims, checks);
  }
}
