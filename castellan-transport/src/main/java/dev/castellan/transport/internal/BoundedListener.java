package dev.castellan.transport.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Listener;
import dev.castellan.transport.PeerIdentity;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.TransportOptions;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The one {@link Listener}: it holds a slot for each connection it has handed out and not yet
 * seen closed, so at most {@code maximumConnections} are served at once; further clients wait
 * in the kernel's listen backlog. Waits are sliced so that close() is seen within
 * {@link #SLICE_MILLIS}.
 */
public final class BoundedListener<A> implements Listener<A> {
  /** How long one wait for a slot or a connection lasts before the closed flag is checked again. */
  public static final int SLICE_MILLIS = 200;

  /** One transport's way of taking the next connection off its socket. */
  public interface Acceptor {
    /** The next authenticated connection, or null if none arrived within {@code waitMillis}. */
    Accepted accept(int waitMillis) throws TransportException;

    /** Closes the listening socket and releases the address. */
    void close();
  }

  /** A connected stream and who is on the other end. */
  public record Accepted(ByteStream stream, PeerIdentity peer) {}

  private final A address;
  private final Acceptor acceptor;
  private final TransportOptions options;
  private final int maximumConnections;
  private final Semaphore slots;
  private volatile boolean closed;

  /** At most {@code options.maximumConnections()} served at once. */
  public BoundedListener(A address, Acceptor acceptor, TransportOptions options) {
    this(address, acceptor, options, options.maximumConnections());
  }

  /** At most {@code maximumConnections} served at once ({@link Integer#MAX_VALUE}: no limit). */
  public BoundedListener(A address, Acceptor acceptor, TransportOptions options, int maximumConnections) {
    this.address = address;
    this.acceptor = acceptor;
    this.options = options;
    this.maximumConnections = maximumConnections;
    this.slots = new Semaphore(maximumConnections);
  }

  /** What a listener makes of an accepted stream: {@code release} frees its slot, once, on close. */
  public interface Wrapper<C> {
    C wrap(Accepted accepted, Runnable release);
  }

  @Override
  public FramedConnection accept() throws TransportException {
    return accept((accepted, release) -> new FramedStream(accepted.stream(), accepted.peer(), options, release));
  }

  /** The next connection as {@code wrapper} makes it, within the same connection limit as {@link #accept()}. */
  public <C> C accept(Wrapper<C> wrapper) throws TransportException {
    try {
      while (!slots.tryAcquire(SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
        ensureOpen();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionClosedException("interrupted while waiting for a free connection slot");
    }
    boolean handedOut = false;
    try {
      while (true) {
        ensureOpen();
        Accepted accepted = acceptor.accept(SLICE_MILLIS);
        if (accepted != null) {
          C connection = wrapper.wrap(accepted, slots::release);
          handedOut = true;
          return connection;
        }
      }
    } finally {
      if (!handedOut) {
        slots.release();
      }
    }
  }

  private void ensureOpen() throws ConnectionClosedException {
    if (closed) {
      throw new ConnectionClosedException("the listener on " + address + " is closed");
    }
  }

  /** Connections handed out and not yet closed. */
  public int servedConnections() {
    return maximumConnections - slots.availablePermits();
  }

  @Override
  public A address() {
    return address;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      acceptor.close();
    }
  }
}
