package dev.castellan.authority.service;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.VerifierSet;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.TokenException;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import dev.castellan.tokens.envelope.EvidenceChallenge;
import dev.castellan.tokens.envelope.TokenIssueRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The evidence of a {@code token_issue_req} ({@link EvidenceChallenge}): the challenge token it
 * returns must be one this authority issued to the same subject, unexpired and never used
 * before; the evidence must verify with the configured {@link VerifierSet} (chain, signature,
 * and its nonce or report data equal to the challenge's binding). What comes out is verified
 * evidence for {@code AccessPolicy} to appraise against each scope's policy.
 */
final class EvidenceAppraiser {
  /** Why the evidence is not accepted: the audit record's {@code rule} and {@code detail}. */
  static final class Rejected extends Exception {
    final String rule;

    Rejected(String rule, String detail) {
      super(detail.length() > 512 ? detail.substring(0, 512) + "…" : detail, null, false, false);
      this.rule = rule;
    }
  }

  private final VerifierSet verifiers;
  private final TokenVerifier challenges;

  /**
   * @param keySet the authority's key set, which signs the challenge tokens
   * @param skew the clock skew allowed on the challenge token
   */
  EvidenceAppraiser(VerifierSet verifiers, KeySet keySet, Duration skew) {
    this.verifiers = verifiers;
    // Single use (the default): a challenge token is accepted once. Challenge tokens are never
    // revoked (they grant nothing but the right to be appraised), so no revocation list.
    this.challenges = TokenVerifier.create(keySet, VerifierOptions.defaults().withClockSkew(skew).withoutRevocationList()
        .withMaxLifetime(Duration.ofSeconds(EvidenceChallenge.LIFETIME_SECONDS)));
  }

  /** The verified evidence of {@code request}, made for {@code subject}. */
  AttestationResult verify(String subject, TokenIssueRequest request, Instant now) throws Rejected {
    byte[] challenge = challengeToken(request);
    CapabilityClaims claims;
    try {
      claims = challenges.verify(challenge, EvidenceChallenge.SCOPE, EvidenceChallenge.AUDIENCE, now);
    } catch (TokenException e) {
      throw new Rejected("evidence.challenge-" + e.rule().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
    }
    if (!claims.subject().equals(subject)) {
      throw new Rejected("evidence.challenge-subject", "the challenge token was issued to another subject");
    }
    if (request.attestation().isEmpty()) {
      throw new Rejected("scope.evidence-missing", "the request returns a challenge token but carries no attestation");
    }
    try {
      Evidence evidence = Evidence.detect(request.attestation().get().toByteArray());
      byte[] binding = EvidenceChallenge.binding(challenge);
      return verifiers.verify(evidence, VerificationRequest.at(now, freshness(evidence.platform(), binding)));
    } catch (AttestationException e) {
      throw new Rejected("evidence." + e.check(), e.getMessage());
    }
  }

  /** Where each platform carries the binding: its nonce field where it has a free one, else REPORT_DATA. */
  static Freshness freshness(Platform platform, byte[] binding) {
    return switch (platform) {
      case NITRO, TPM, GPU -> Freshness.nonce(binding);
      case SEV_SNP, TDX, SGX -> Freshness.reportData(binding);
    };
  }

  private static byte[] challengeToken(TokenIssueRequest request) throws Rejected {
    Optional<CborValue> value = request.metadata().flatMap(m -> Optional.ofNullable(m.get(EvidenceChallenge.METADATA_KEY)));
    if (value.isEmpty()) {
      throw new Rejected("evidence.challenge-missing", "a scope requires evidence: ask for an "
          + EvidenceChallenge.SCOPE + " token first and return it as metadata " + EvidenceChallenge.METADATA_KEY);
    }
    if (!(value.get() instanceof CborBytes bytes)) {
      throw new Rejected("evidence.challenge-malformed", "metadata " + EvidenceChallenge.METADATA_KEY + " must be a byte string");
    }
    return bytes.bytes();
  }
}
