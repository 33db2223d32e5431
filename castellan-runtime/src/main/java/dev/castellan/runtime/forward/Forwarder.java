package dev.castellan.runtime.forward;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamListener;
import dev.castellan.transport.StreamSockets;
import dev.castellan.transport.TransportException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accepts byte streams on one address and relays each to the target address: one connection
 * to the target per accepted client, bytes copied both ways until both have ended.
 *
 * <p>Contract: a client MUST get a connection to the target or be closed; end of stream from
 * one side shuts down the output towards the other, while the opposite direction keeps
 * flowing until its own end of stream (half-close); an error in either direction closes both
 * sockets. Log lines name addresses and conditions and MUST NOT contain payload bytes.
 *
 * <p>Threads: one platform thread accepts; each connection gets two threads (one per
 * direction), virtual when both ends are TCP (JDK channels) and platform when either is Unix
 * or AF_VSOCK, whose FFM calls block their carrier thread.
 */
public final class Forwarder implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Forwarder.class.getName());
  private static final int MAXIMUM_BACKLOG = 128;
  private static final long ACCEPT_RETRY_MILLIS = 100;
  private static final long REFUSAL_LOG_INTERVAL_NANOS = 1_000_000_000L;

  private final StreamListener listener;
  private final StreamAddress target;
  private final ForwardOptions options;
  private final ThreadFactory threads;
  private final Semaphore slots;
  private final BufferPool buffers;
  private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final IdleWatch idleWatch;
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong targetFailures = new AtomicLong();
  final AtomicLong idleClosed = new AtomicLong();
  final LongAdder bytesToTarget = new LongAdder();
  final LongAdder bytesFromTarget = new LongAdder();
  private volatile long lastRefusalLogged = System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS;
  private volatile boolean closed;

  private Forwarder(StreamListener listener, StreamAddress target, ForwardOptions options) {
    this.listener = listener;
    this.target = target;
    this.options = options;
    this.slots = new Semaphore(options.maximumConnections());
    this.buffers = new BufferPool(options.bufferSize(), ForwardOptions.POOLED_BUFFERS);
    boolean nativeEnds = listener.blocksInNativeCode() || !(target instanceof StreamAddress.Tcp);
    this.threads = nativeEnds ? Thread.ofPlatform().daemon().name("forward-", 0).factory()
        : Thread.ofVirtual().name("forward-", 0).factory();
    this.acceptor = Thread.ofPlatform().daemon().name("forward-accept " + listener.address()).unstarted(this::acceptLoop);
    this.idleWatch = options.idleTimeout().isZero() ? null : new IdleWatch(this, options.idleTimeout());
  }

  /**
   * Listens on {@code listen} and forwards every connection to {@code target}. Throws if the
   * address cannot be listened on (in use, not local, no vsock); the target is not contacted
   * until a client arrives.
   */
  public static Forwarder start(StreamAddress listen, StreamAddress target, ForwardOptions options)
      throws TransportException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    StreamListener listener = StreamSockets.listen(listen,
        Math.min(options.maximumConnections(), MAXIMUM_BACKLOG));
    Forwarder forwarder = new Forwarder(listener, target, options);
    forwarder.acceptor.start();
    if (forwarder.idleWatch != null) {
      forwarder.idleWatch.start();
    }
    return forwarder;
  }

  /** The address listened on, with the port the kernel chose if 0 was asked for. */
  public StreamAddress address() {
    return listener.address();
  }

  /** Where connections go. */
  public StreamAddress target() {
    return target;
  }

  public ForwardOptions options() {
    return options;
  }

  /** The counters now. */
  public ForwardCounters counters() {
    return new ForwardCounters(accepted.get(), options.maximumConnections() - slots.availablePermits(),
        refused.get(), targetFailures.get(), idleClosed.get(), bytesToTarget.sum(), bytesFromTarget.sum());
  }

  private void acceptLoop() {
    while (!closed) {
      StreamConnection client;
      try {
        client = listener.accept();
      } catch (ConnectionClosedException e) {
        return;
      } catch (TransportException e) {
        LOG.log(Level.WARNING, "forward {0}: accept failed: {1}", listener.address(), e.getMessage());
        pause(); // e.g. EMFILE: the condition lasts, and an immediate retry would only spin
        continue;
      }
      accepted.incrementAndGet();
      if (!slots.tryAcquire()) {
        refused.incrementAndGet(); // counted before the close, so a client that sees the close sees the count
        client.close();
        logRefusal();
        continue;
      }
      Relay relay = new Relay(this, client, buffers);
      relays.add(relay);
      if (closed) {
        relay.abort();
      }
      threads.newThread(relay::connectAndRun).start();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(ACCEPT_RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void logRefusal() {
    long now = System.nanoTime();
    if (now - lastRefusalLogged >= REFUSAL_LOG_INTERVAL_NANOS) {
      lastRefusalLogged = now;
      LOG.log(Level.WARNING, "forward {0}: {1} connections open, the limit; refusing new ones ({2} refused so far)",
          listener.address(), options.maximumConnections(), refused.get());
    }
  }

  StreamAddress targetAddress() {
    return target;
  }

  ThreadFactory threads() {
    return threads;
  }

  Set<Relay> relays() {
    return relays;
  }

  /** Called once by each relay when both its sockets are closed. */
  void ended(Relay relay) {
    if (relays.remove(relay)) {
      slots.release();
    }
  }

  /**
   * Stops accepting and closes every open connection; returns once their threads have let go
   * of them (at most about 2 s). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    listener.close();
    if (idleWatch != null) {
      idleWatch.interrupt();
    }
    relays.forEach(Relay::abort);
    long deadline = System.nanoTime() + 2_000_000_000L;
    try {
      acceptor.join(2_000);
      while (!relays.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5); // each aborted relay's pumps wake at once and end it
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
