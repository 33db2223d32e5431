package dev.castellan.keys.broker;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Check;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.VerifierSet;
import dev.castellan.attestation.policy.Appraisal;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.policy.Verdict;
import java.time.Instant;

/**
 * The evidence check of a release or decrypt: the evidence verifies with the configured
 * verifiers (chain to a trusted root, signature) with its nonce or report data equal to
 * {@link BrokerProtocol#binding}(challenge nonce, ephemeral key), and the verdict of the key
 * policy's appraisal policy accepts it. The first failed check names the refusal.
 */
final class EvidenceGate {
  private final VerifierSet verifiers;

  EvidenceGate(VerifierSet verifiers) {
    this.verifiers = verifiers;
  }

  /** Returns normally only if {@code evidence} satisfies {@code policy} for this binding. */
  void check(Evidence evidence, byte[] binding, AppraisalPolicy policy, Instant now) throws BrokerException {
    AttestationResult result;
    try {
      result = verifiers.verify(evidence, VerificationRequest.at(now, BrokerProtocol.freshness(evidence.platform(), binding)));
    } catch (AttestationException e) {
      throw new BrokerException(BrokerException.Kind.REFUSED, e.check(), "evidence refused: " + e.getMessage());
    }
    Verdict verdict = Appraisal.appraise(policy, result);
    if (!verdict.accepted()) {
      Check first = verdict.failures().getFirst();
      int more = verdict.failures().size() - 1;
      throw new BrokerException(BrokerException.Kind.REFUSED, first.name(),
          "the key policy refuses the evidence: " + first.reason() + (more > 0 ? " (and " + more + " more)" : ""));
    }
  }

  /** The evidence, its platform recognised from its bytes; a malformed blob is a {@code evidence.*} refusal. */
  static Evidence parse(byte[] bytes) throws BrokerException {
    try {
      return Evidence.detect(bytes);
    } catch (AttestationException e) {
      throw new BrokerException(BrokerException.Kind.REFUSED, e.check(), "evidence refused: " + e.getMessage());
    }
  }
}
