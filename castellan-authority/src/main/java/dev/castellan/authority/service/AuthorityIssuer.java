package dev.castellan.authority.service;

import dev.castellan.attestation.AttestationResult;
import dev.castellan.authority.IssueDeniedException;
import dev.castellan.authority.acl.AccessPolicy;
import dev.castellan.authority.acl.AccessRequest;
import dev.castellan.authority.acl.Acl;
import dev.castellan.authority.acl.Decision;
import dev.castellan.authority.acl.DenyReason;
import dev.castellan.authority.acl.Scope;
import dev.castellan.authority.acl.ScopePolicies;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.SigningKey;
import dev.castellan.tokens.envelope.EnvelopeSignatures;
import dev.castellan.tokens.envelope.EvidenceChallenge;
import dev.castellan.tokens.envelope.SignedEnvelope;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Cryptod} needs of the authority: issue by the ACL and the scope policies, and
 * sign responses and audit records with the key verifiers pin. It issues exactly as {@code
 * LocalAuthority.issue} does (random 16-byte {@code cti}; lifetime the scopes' cap), except that
 * the token's nonce is the requester's, as the token spec asks. It exists because {@code
 * LocalAuthority} does not expose its key for signing envelopes.
 */
public final class AuthorityIssuer {
  /**
   * A token (a bearer secret: never log it), its {@code exp}, and its {@code cti} in hex (for
   * audit records and revocation).
   */
  public record Issued(byte[] token, Instant expiresAt, String tokenId) {}

  private final String issuer;
  private final SigningKey key;
  private final KeySet keySet;
  private final Acl acl;
  private final AccessPolicy access;
  private final Clock clock;
  private final SecureRandom random;

  /** @throws IllegalArgumentException if {@code key} is not in {@code keySet} or the issuers differ */
  public AuthorityIssuer(SigningKey key, KeySet keySet, Acl acl, ScopePolicies policies, Clock clock, SecureRandom random) {
    this.key = Objects.requireNonNull(key, "key");
    this.keySet = Objects.requireNonNull(keySet, "keySet");
    if (keySet.entry(key.keyId()).isEmpty()) {
      throw new IllegalArgumentException("the signing key is not in the key set");
    }
    this.issuer = keySet.issuer();
    this.acl = Objects.requireNonNull(acl, "acl");
    this.access = new AccessPolicy(acl, policies);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * A token for {@code subject} with {@code scopes} at {@code audience}, for the longest
   * lifetime the scopes allow, carrying the requester's {@code nonce} (8..64 bytes).
   *
   * @throws IssueDeniedException naming the rule ({@code rule: detail})
   */
  public Issued issue(String subject, List<String> scopes, String audience, byte[] nonce)
      throws IssueDeniedException, GeneralSecurityException {
    return issue(subject, scopes, audience, nonce, Optional.empty());
  }

  /**
   * As {@link #issue(String, List, String, byte[])}, with the verified evidence the request
   * carried, which each scope that requires evidence appraises against its policy.
   */
  public Issued issue(String subject, List<String> scopes, String audience, byte[] nonce, Optional<AttestationResult> evidence)
      throws IssueDeniedException, GeneralSecurityException {
    Decision decision = access.decide(new AccessRequest(subject, scopes, Optional.empty(), evidence));
    if (!(decision instanceof Decision.Grant grant)) {
      throw new IssueDeniedException(((Decision.Deny) decision).message());
    }
    return sign(grant.subject(), grant.scopes().stream().map(Scope::toString).toList(), audience, nonce, grant.lifetime());
  }

  /**
   * A challenge token ({@link EvidenceChallenge}) for {@code subject}: scope {@value
   * EvidenceChallenge#SCOPE}, audience {@value EvidenceChallenge#AUDIENCE}, a 32-byte nonce
   * chosen here, valid {@value EvidenceChallenge#LIFETIME_SECONDS} s.
   *
   * @throws IssueDeniedException if the subject is not in the ACL
   */
  public Issued challenge(String subject) throws IssueDeniedException, GeneralSecurityException {
    if (!Acl.validSubject(subject) || acl.allowed(subject).isEmpty()) {
      throw new IssueDeniedException(DenyReason.SUBJECT_UNKNOWN.rule() + ": the subject is not in the ACL");
    }
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    return sign(subject, List.of(EvidenceChallenge.SCOPE), EvidenceChallenge.AUDIENCE, nonce,
        Duration.ofSeconds(EvidenceChallenge.LIFETIME_SECONDS));
  }

  private Issued sign(String subject, List<String> scopes, String audience, byte[] nonce, Duration lifetime)
      throws GeneralSecurityException {
    Instant now = now();
    byte[] tokenId = new byte[16];
    random.nextBytes(tokenId);
    Instant expires = now.plus(lifetime);
    CapabilityClaims claims = CapabilityClaims.builder()
        .issuer(issuer).subject(subject).audience(audience).issuedAt(now).expiresAt(expires)
        .tokenId(tokenId).scope(scopes).nonce(nonce).build();
    return new Issued(CapabilityToken.sign(claims, key), expires, dev.castellan.core.bytes.Hex.encode(tokenId));
  }

  /** Every scope the ACL allows {@code subject}; empty if it is not in the ACL. */
  public List<String> allowedScopes(String subject) {
    return acl.allowed(subject).map(s -> s.stream().map(Scope::toString).toList()).orElse(List.of());
  }

  /** {@code envelope} signed with the authority key ({@link EnvelopeSignatures}). */
  @SuppressWarnings("unchecked")
  public <T extends SignedEnvelope> T sign(T envelope) throws GeneralSecurityException {
    return (T) EnvelopeSignatures.sign(envelope, key);
  }

  /** The clock's time in whole seconds, as envelopes carry it. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** The key set verifiers pin. */
  public KeySet keySet() {
    return keySet;
  }
}
