package dev.castellan.authority.service;

import dev.castellan.authority.totp.TotpValidator;
import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Listener;
import dev.castellan.transport.PeerRefusedException;
import dev.castellan.transport.TransportException;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
  private final Listener<?> listener;
  private final BoundedAuditSink audit;
  private final Session session;
  private final Map<FramedConnection, Thread> open = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private volatile boolean closed;

  private Cryptod(Listener<?> listener, AuthorityIssuer authority, Optional<TotpValidator> totp, PeerAcl acl,
      AuditSink sink, Clock clock, CryptodOptions options) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.audit = new BoundedAuditSink(sink, options.auditRecordsPerPeerPerMinute(), options.maxTrackedPeers(), clock);
    RequestFreshness freshness = new RequestFreshness(options.requestSkew(), options.maxRequestNonces());
    EvidenceAppraiser evidence = new EvidenceAppraiser(options.evidenceVerifiers(), authority.keySet(), options.requestSkew());
    RequestHandler requests = new RequestHandler(
        new TokenIssueHandler(authority, audit, options.defaultAudience(), freshness, evidence),
        new TotpHandler(totp, authority, audit, options.defaultAudience(), freshness), options, clock);
    this.session = new Session(Objects.requireNonNull(acl, "acl"), requests, audit);
    this.acceptor = Thread.ofPlatform().name("cryptod-accept").daemon().unstarted(this::acceptLoop);
  }

  /** Starts serving {@code listener}; {@link #close()} stops. */
  public static Cryptod start(Listener<?> listener, AuthorityIssuer authority, Optional<TotpValidator> totp, PeerAcl acl,
      AuditSink audit, Clock clock, CryptodOptions options) {
    Cryptod cryptod = new Cryptod(listener, Objects.requireNonNull(authority, "authority"), Objects.requireNonNull(totp, "totp"),
        acl, Objects.requireNonNull(audit, "audit"), Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(options, "options"));
    cryptod.acceptor.start();
    return cryptod;
  }

  private void acceptLoop() {
    while (!closed) {
      FramedConnection connection;
      try {
        connection = listener.accept();
      } catch (PeerRefusedException e) {
        refusedByTransport();
        continue;
      } catch (ConnectionClosedException e) {
        return;
      } catch (TransportException e) {
        if (closed) {
          return;
        }
        continue; // one failed accept (e.g. a peer gone before its credentials were read)
      }
      Thread thread = Thread.ofPlatform().name("cryptod-connection").daemon().unstarted(() -> {
        try {
          session.serve(connection);
        } finally {
          open.remove(connection);
        }
      });
      open.put(connection, thread);
      thread.start();
    }
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
    closed = true;
    listener.close();
    try {
      acceptor.join(10_000);
      for (Map.Entry<FramedConnection, Thread> e : Map.copyOf(open).entrySet()) {
        e.getKey().close();
        e.getValue().join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    audit.flush();
  }
}
