package dev.castellan.authority.service;

import dev.castellan.authority.entropy.AuthorityRandom;
import dev.castellan.authority.internal.ConnectionThreads;
import dev.castellan.authority.totp.TotpValidator;
import dev.castellan.transport.Listener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The authority service (seed 004's cryptod) on a castellan-transport {@link Listener}: answers
 * {@code token_issue_req} and {@code totp_validate_req} from the peers its {@link PeerAcl}
 * allows, with signed responses, and records every authentication attempt and decision in the
 * {@link AuditSink} (always through a {@link BoundedAuditSink}) before answering.
 *
 * <p>Each connection is served on its own platform thread (the transport blocks in native
 * poll); the listener's {@code maximumConnections} bounds how many at once, its frame size and
 * read deadline bound each frame, and {@link CryptodOptions} bounds requests and audit records
 * per peer. docs/authority.md, "The service (cryptod)".
 */
public final class Cryptod implements AutoCloseable {
  private final BoundedAuditSink audit;
  private final Session session;
  private volatile ConnectionThreads threads;

  private Cryptod(AuthorityIssuer authority, Optional<TotpValidator> totp, PeerAcl acl,
      AuditSink sink, Clock clock, CryptodOptions options, SecureRandom ephemeralKeys) {
    this.audit = new BoundedAuditSink(sink, options.auditRecordsPerPeerPerMinute(), options.maxTrackedPeers(), clock);
    RequestFreshness freshness = new RequestFreshness(options.requestSkew(), options.maxRequestNonces());
    EvidenceAppraiser evidence = new EvidenceAppraiser(options.evidenceVerifiers(), authority.keySet(), options.requestSkew());
    RequestHandler requests = new RequestHandler(
        new TokenIssueHandler(authority, audit, options.defaultAudience(), freshness, evidence),
        new TotpHandler(totp, authority, audit, options.defaultAudience(), freshness, ephemeralKeys), options, clock);
    this.session = new Session(Objects.requireNonNull(acl, "acl"), requests, audit);
  }

  /**
   * Starts serving {@code listener}, drawing the ephemeral keys of {@code totp_validate_resp} from
   * a DRBG of its own ({@link AuthorityRandom}); {@link #close()} stops.
   */
  public static Cryptod start(Listener<?> listener, AuthorityIssuer authority, Optional<TotpValidator> totp, PeerAcl acl,
      AuditSink audit, Clock clock, CryptodOptions options) {
    return start(listener, authority, totp, acl, audit, clock, options,
        AuthorityRandom.create("cryptod ephemeral keys".getBytes(StandardCharsets.UTF_8)).random());
  }

  /**
   * Starts serving {@code listener}, drawing the ephemeral keys from {@code ephemeralKeys} (the
   * DRBG entropyd reseeds, when there is one); {@link #close()} stops.
   */
  public static Cryptod start(Listener<?> listener, AuthorityIssuer authority, Optional<TotpValidator> totp, PeerAcl acl,
      AuditSink audit, Clock clock, CryptodOptions options, SecureRandom ephemeralKeys) {
    Objects.requireNonNull(listener, "listener");
    Cryptod cryptod = new Cryptod(Objects.requireNonNull(authority, "authority"), Objects.requireNonNull(totp, "totp"),
        acl, Objects.requireNonNull(audit, "audit"), Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(ephemeralKeys, "ephemeralKeys"));
    cryptod.threads = ConnectionThreads.start("cryptod", listener, cryptod.session::serve, cryptod::refusedByTransport);
    return cryptod;
  }

  private void refusedByTransport() {
    try {
      audit.record(AuditEvent.of("transport", "peer.refused", Optional.empty(), "refused", "rule", "transport.authentication"));
    } catch (IOException | RuntimeException e) {
      System.getLogger(Cryptod.class.getName()).log(System.Logger.Level.ERROR, "cryptod: audit record failed: " + e.getMessage());
    }
  }

  /**
   * Stops accepting, closes every open connection, waits (up to 10 s each) for the acceptor and
   * the connection threads, then writes the pending drop counts.
   */
  @Override
  public void close() throws IOException {
    threads.close();
    audit.flush();
  }
}
