package dev.castellan.authority.entropy;

import dev.castellan.authority.internal.ConnectionThreads;
import dev.castellan.authority.service.PeerAcl;
import dev.castellan.authority.service.PeerEntry;
import dev.castellan.authority.service.PeerPattern;
import dev.castellan.authority.service.PeerService;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.tokens.envelope.EntropyPublication;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Listener;
import dev.castellan.transport.TransportException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seed 004's entropyd on a castellan-transport {@link Listener}: "one-directional entropy
 * publication". A peer its allowlist names (a {@link PeerService#ENTROPYD} {@link PeerAcl}, by
 * transport identity only: SO_PEERCRED uid, mTLS key pin or vsock CID) receives a signed {@code
 * entropy_pub} envelope ({@link EntropyPublisher}) every {@link EntropydOptions#interval()}
 * until it goes; entropyd reads nothing from it. Everyone else is refused when it connects:
 * the connection is closed before anything is sent, and the refusal is counted and logged
 * (the peer's transport label and the rule, at most one line a second).
 *
 * <p>Bounds: the listener's {@code maximumConnections}; {@link
 * EntropydOptions#maxConnectionsPerPeer()} connections per allowlist entry, so a peer gets at
 * most that many chunks per interval (the first chunk also waits an interval, so reconnecting
 * gets nothing sooner). Each connection has its own thread and every send the listener's
 * write deadline: a peer that stops reading is dropped when a send outlasts it, and delays
 * nobody else. A peer that left is noticed at the next send. docs/authority.md, "Entropy
 * (entropyd)".
 */
public final class Entropyd implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Entropyd.class.getName());

  private final PeerAcl allowlist;
  private final EntropyPublisher publisher;
  private final EntropydOptions options;
  private final RefusalLog refusals = new RefusalLog();
  private final Map<String, Integer> connections = new HashMap<>();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicLong published = new AtomicLong();
  private volatile ConnectionThreads threads;

  private Entropyd(PeerAcl allowlist, EntropyPublisher publisher, EntropydOptions options) {
    this.allowlist = allowlist;
    this.publisher = publisher;
    this.options = options;
  }

  /**
   * Starts publishing on {@code listener}; {@link #close()} stops.
   *
   * @throws IllegalArgumentException if {@code allowlist} is not entropyd's ({@link PeerService#ENTROPYD})
   */
  public static Entropyd start(Listener<?> listener, PeerAcl allowlist, EntropyPublisher publisher, EntropydOptions options) {
    Objects.requireNonNull(listener, "listener");
    if (allowlist.service() != PeerService.ENTROPYD) {
      throw new IllegalArgumentException("entropyd's allowlist must be read for entropyd (PeerService.ENTROPYD)");
    }
    Entropyd entropyd = new Entropyd(allowlist, Objects.requireNonNull(publisher, "publisher"), Objects.requireNonNull(options, "options"));
    entropyd.threads = ConnectionThreads.start("entropyd", listener, entropyd::serve,
        () -> entropyd.refusals.refused("transport", "transport.authentication"));
    return entropyd;
  }

  private void serve(FramedConnection connection) {
    String label = PeerPattern.label(connection.peer());
    Optional<PeerEntry> entry = allowlist.lookup(connection.peer()).filter(e -> e.allows(EntropyPublication.TYPE));
    if (entry.isEmpty()) {
      refusals.refused(label, "peer-acl.peer-unknown");
      return; // the connection is closed, nothing sent
    }
    String name = entry.get().name();
    if (!take(name)) {
      refusals.refused(name, "entropy.peer-connection-limit");
      return;
    }
    try {
      publish(connection, name);
    } finally {
      give(name);
    }
  }

  private void publish(FramedConnection connection, String name) {
    try {
      while (!stopping.await(options.interval().toNanos(), TimeUnit.NANOSECONDS)) {
        byte[] frame = publisher.next(options.chunkBytes());
        try {
          connection.send(frame);
        } finally {
          Arrays.fill(frame, (byte) 0);
        }
        published.incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TransportException e) {
      LOG.log(System.Logger.Level.DEBUG, "entropyd: stopped publishing to " + name + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      LOG.log(System.Logger.Level.ERROR, "entropyd: signing a publication failed (" + e.getClass().getSimpleName()
          + "); connection to " + name + " closed");
    }
  }

  private synchronized boolean take(String name) {
    int held = connections.getOrDefault(name, 0);
    if (held >= options.maxConnectionsPerPeer()) {
      return false;
    }
    connections.put(name, held + 1);
    return true;
  }

  private synchronized void give(String name) {
    connections.computeIfPresent(name, (k, held) -> held > 1 ? held - 1 : null);
  }

  /** Publications sent so far, over all connections. */
  public long published() {
    return published.get();
  }

  /** Connections refused so far: not allowlisted, over a peer's connection limit, or a failed TLS handshake. */
  public long refused() {
    return refusals.total();
  }

  /** The key whose signature every publication carries: what receivers pin. */
  public AuthorityPublicKey publicKey() {
    return publisher.publicKey();
  }

  /** Stops publishing, closes every connection and waits for their threads. */
  @Override
  public void close() {
    stopping.countDown();
    threads.close();
  }
}
