package dev.castellan.authority.service;

import dev.castellan.attestation.VerifierSet;
import dev.castellan.authority.acl.Acl;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Cryptod} bounds its peers.
 *
 * @param defaultAudience the audience of tokens for peers whose entry names none
 * @param requestsPerPeerPerMinute requests one peer entry may make per minute; more are
 *     answered {@code rate_limited} (1..10,000; default 60)
 * @param auditRecordsPerPeerPerMinute audit records one actor may cause per minute, then
 *     dropped and counted ({@link BoundedAuditSink}); more than the requests, so that every
 *     decision within the request bound is recorded (default 120)
 * @param maxTrackedPeers peers whose counts are kept at once (default 1,024)
 * @param requestSkew how far a request's {@code timestamp} may be from the service clock, and
 *     the skew allowed on challenge tokens (default 30 s, 1 s..5 min)
 * @param maxRequestNonces request nonces remembered at once ({@link RequestFreshness}; default
 *     100,000; 1..10,000,000)
 * @param evidenceVerifiers the verifiers of request evidence (docs/authority.md, "Evidence");
 *     none by default, so evidence is refused until the operator names the roots it trusts
 */
public record CryptodOptions(String defaultAudience, int requestsPerPeerPerMinute, int auditRecordsPerPeerPerMinute, int maxTrackedPeers,
    Duration requestSkew, int maxRequestNonces, VerifierSet evidenceVerifiers) {
  /** The default {@link #requestSkew}. */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  public CryptodOptions {
    Objects.requireNonNull(defaultAudience, "defaultAudience");
    Objects.requireNonNull(requestSkew, "requestSkew");
    Objects.requireNonNull(evidenceVerifiers, "evidenceVerifiers");
    if (requestSkew.compareTo(Duration.ofSeconds(1)) < 0 || requestSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("requestSkew must be 1 s..5 min");
    }
    if (maxRequestNonces < 1 || maxRequestNonces > 10_000_000) {
      throw new IllegalArgumentException("maxRequestNonces must be 1..10000000");
    }
    if (!Acl.validSubject(defaultAudience)) {
      throw new IllegalArgumentException("an audience is 1..64 characters of [A-Za-z0-9._@-]");
    }
    if (requestsPerPeerPerMinute < 1 || requestsPerPeerPerMinute > 10_000) {
      throw new IllegalArgumentException("requestsPerPeerPerMinute must be 1..10000");
    }
    if (auditRecordsPerPeerPerMinute <= requestsPerPeerPerMinute || auditRecordsPerPeerPerMinute > 20_000) {
      throw new IllegalArgumentException("auditRecordsPerPeerPerMinute must exceed requestsPerPeerPerMinute, at most 20000");
    }
    if (maxTrackedPeers < 1 || maxTrackedPeers > 100_000) {
      throw new IllegalArgumentException("maxTrackedPeers must be 1..100000");
    }
  }

  /**
   * 60 requests and 120 audit records per peer per minute, 1,024 peers tracked, 30 s request
   * skew, 100,000 request nonces, no evidence verifiers.
   */
  public static CryptodOptions defaults(String defaultAudience) {
    return new CryptodOptions(defaultAudience, 60, BoundedAuditSink.DEFAULT_RECORDS_PER_MINUTE, BoundedAuditSink.DEFAULT_MAX_ACTORS,
        DEFAULT_SKEW, 100_000, VerifierSet.of());
  }

  public CryptodOptions withRequestsPerPeerPerMinute(int value) {
    return new CryptodOptions(defaultAudience, value, Math.max(auditRecordsPerPeerPerMinute, value + 1), maxTrackedPeers,
        requestSkew, maxRequestNonces, evidenceVerifiers);
  }

  public CryptodOptions withAuditRecordsPerPeerPerMinute(int value) {
    return new CryptodOptions(defaultAudience, requestsPerPeerPerMinute, value, maxTrackedPeers, requestSkew, maxRequestNonces,
        evidenceVerifiers);
  }

  public CryptodOptions withMaxRequestNonces(int value) {
    return new CryptodOptions(defaultAudience, requestsPerPeerPerMinute, auditRecordsPerPeerPerMinute, maxTrackedPeers, requestSkew,
        value, evidenceVerifiers);
  }

  public CryptodOptions withEvidenceVerifiers(VerifierSet value) {
    return new CryptodOptions(defaultAudience, requestsPerPeerPerMinute, auditRecordsPerPeerPerMinute, maxTrackedPeers, requestSkew,
        maxRequestNonces, value);
  }
}
