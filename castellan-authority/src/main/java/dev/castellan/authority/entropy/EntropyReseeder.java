package dev.castellan.authority.entropy;

import dev.castellan.authority.service.AuditEvent;
import dev.castellan.authority.service.AuditSink;
import dev.castellan.authority.service.BoundedAuditSink;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.tokens.envelope.EntropyPublication;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Transport;
import dev.castellan.transport.TransportException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * cryptod's side of entropyd (seed 004: "entropyd seeds cryptod's DRBG when available; cryptod
 * maintains a local DRBG"): connects to entropyd, checks every {@code entropy_pub} ({@link
 * ChunkVerifier}: strict decoding, chunk size, signed by the pinned entropyd key, timestamp
 * within the skew, nonce never seen), records it in the audit log, and only then mixes the
 * chunk into {@link AuthorityRandom} as additional input. A rejected chunk is recorded with its
 * rule and never mixed in; the connection is then closed and made again after a backoff.
 *
 * <p>Entropy is welcome, never relied on: while entropyd is unavailable, cryptod keeps drawing
 * from its own DRBG, says so in a log line, and reconnects with a doubling backoff. The chunk's
 * bytes are never recorded or logged. docs/authority.md, "Entropy (entropyd)".
 *
 * <p>Records (actor {@value #ACTOR}, action {@value #ACTION}): result {@code ok} with {@code
 * reseeds} (the DRBG's count with this chunk), {@code chunk_bytes} and {@code entropyd_kid};
 * result {@code rejected} with {@code rule} and {@code entropyd_kid}. At most 120 a minute
 * (then dropped and counted, {@link BoundedAuditSink}).
 */
public final class EntropyReseeder implements AutoCloseable {
  /**
   * Largest frame accepted from entropyd: an {@code entropy_pub} is at most about 6 KiB (a
   * {@code drbg_version} of 1,024 characters of up to 4 UTF-8 bytes, a 64-byte nonce, a 512-byte
   * chunk, a 1,024-byte signature, the keys and headers).
   */
  public static final int MAX_FRAME_BYTES = 8 * 1024;
  public static final String ACTION = "entropy.reseed";
  public static final String ACTOR = "entropyd";
  private static final System.Logger LOG = System.getLogger(EntropyReseeder.class.getName());

  private final Connector connector;
  private final String where;
  private final String kid;
  private final ChunkVerifier verifier;
  private final AuthorityRandom random;
  private final BoundedAuditSink audit;
  private final Clock clock;
  private final ReseedOptions options;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicLong rejected = new AtomicLong();
  private final Thread thread;
  private volatile FramedConnection current;
  private volatile boolean closed;

  @FunctionalInterface
  private interface Connector {
    FramedConnection connect() throws TransportException;
  }

  private EntropyReseeder(Connector connector, String where, AuthorityPublicKey entropydKey, AuthorityRandom random,
      AuditSink audit, Clock clock, ReseedOptions options) {
    this.connector = connector;
    this.where = where;
    this.kid = entropydKey.keyId().toString();
    this.verifier = new ChunkVerifier(entropydKey, options);
    this.random = random;
    this.audit = new BoundedAuditSink(audit, BoundedAuditSink.DEFAULT_RECORDS_PER_MINUTE, 2, clock);
    this.clock = clock;
    this.options = options;
    this.thread = Thread.ofPlatform().name("cryptod-entropy").daemon().unstarted(this::run);
  }

  /**
   * Starts receiving from entropyd at {@code address}. The transport's read deadline MUST be
   * longer than entropyd's interval: silence past it counts as entropyd being unavailable.
   */
  public static <A> EntropyReseeder start(Transport<A> transport, A address, AuthorityPublicKey entropydKey,
      AuthorityRandom random, AuditSink audit, Clock clock, ReseedOptions options) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(address, "address");
    EntropyReseeder reseeder = new EntropyReseeder(() -> transport.connect(address), address.toString(),
        Objects.requireNonNull(entropydKey, "entropydKey"), Objects.requireNonNull(random, "random"),
        Objects.requireNonNull(audit, "audit"), Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(options, "options"));
    reseeder.thread.start();
    return reseeder;
  }

  private void run() {
    Duration backoff = options.initialBackoff();
    while (!closed) {
      String why;
      try (FramedConnection connection = connector.connect()) {
        current = connection;
        if (closed) {
          return;
        }
        LOG.log(System.Logger.Level.INFO, "cryptod: reseeding its DRBG from entropyd at " + where + " (key " + kid + ")");
        while (true) {
          take(connection.receive());
          backoff = options.initialBackoff();
        }
      } catch (ChunkRejected e) {
        why = "rejected a chunk from entropyd at " + where + " (" + e.rule + ")";
      } catch (TransportException e) {
        why = "entropyd at " + where + " is unavailable (" + e.getMessage() + ")";
      } catch (IOException e) {
        why = "could not record a reseed in the audit log (" + e.getMessage() + "); chunk dropped";
      } finally {
        current = null;
      }
      if (closed) {
        return;
      }
      LOG.log(System.Logger.Level.WARNING, "cryptod: " + why + "; running on its own DRBG, reconnecting in " + backoff.toMillis() + " ms");
      try {
        if (stopping.await(backoff.toNanos(), TimeUnit.NANOSECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : backoff.multipliedBy(2);
    }
  }

  private void take(byte[] frame) throws ChunkRejected, IOException {
    EntropyPublication publication;
    try {
      publication = verifier.verify(frame, clock.instant());
    } catch (ChunkRejected e) {
      rejected.incrementAndGet();
      audit.record(AuditEvent.of(ACTOR, ACTION, Optional.empty(), "rejected", "rule", e.rule, "entropyd_kid", kid));
      throw e;
    } finally {
      Arrays.fill(frame, (byte) 0);
    }
    byte[] chunk = publication.entropyChunk().toByteArray();
    try {
      audit.record(AuditEvent.of(ACTOR, ACTION, Optional.empty(), "ok", "reseeds", Long.toString(random.reseeds() + 1),
          "chunk_bytes", Integer.toString(chunk.length), "entropyd_kid", kid));
      random.reseed(chunk);
    } finally {
      Arrays.fill(chunk, (byte) 0);
      publication.entropyChunk().destroy();
    }
  }

  /** Chunks rejected so far. */
  public long rejected() {
    return rejected.get();
  }

  /** Stops receiving, waits (up to 10 s) for the thread, then writes pending drop counts. */
  @Override
  public void close() throws IOException {
    closed = true;
    stopping.countDown();
    FramedConnection connection = current;
    if (connection != null) {
      connection.close();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    audit.flush();
  }
}
