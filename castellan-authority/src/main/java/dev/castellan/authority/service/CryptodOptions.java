package dev.castellan.authority.service;

import dev.castellan.authority.acl.Acl;
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
 */
public record CryptodOptions(String defaultAudience, int requestsPerPeerPerMinute, int auditRecordsPerPeerPerMinute, int maxTrackedPeers) {
  public CryptodOptions {
    Objects.requireNonNull(defaultAudience, "defaultAudience");
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

  /** 60 requests and 120 audit records per peer per minute, 1,024 peers tracked. */
  public static CryptodOptions defaults(String defaultAudience) {
    return new CryptodOptions(defaultAudience, 60, BoundedAuditSink.DEFAULT_RECORDS_PER_MINUTE, BoundedAuditSink.DEFAULT_MAX_ACTORS);
  }

  public CryptodOptions withRequestsPerPeerPerMinute(int value) {
    return new CryptodOptions(defaultAudience, value, Math.max(auditRecordsPerPeerPerMinute, value + 1), maxTrackedPeers);
  }

  public CryptodOptions withAuditRecordsPerPeerPerMinute(int value) {
    return new CryptodOptions(defaultAudience, requestsPerPeerPerMinute, value, maxTrackedPeers);
  }
}
