package dev.castellan.authority.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.Listener;
import dev.castellan.transport.PeerRefusedException;
import dev.castellan.transport.TransportException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves every connection a castellan-transport {@link Listener} accepts on a platform thread
 * of its own (the transport blocks in native poll, which would pin a virtual thread's carrier);
 * the listener's {@code maximumConnections} bounds how many at once. cryptod and entropyd both
 * run on it.
 */
public final class ConnectionThreads implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ConnectionThreads.class.getName());
  private static final long JOIN_MILLIS = 10_000;

  /** Serves one connection until it ends; closing it is this class's job. */
  @FunctionalInterface
  public interface Handler {
    void serve(FramedConnection connection);
  }

  private final String name;
  private final Listener<?> listener;
  private final Handler handler;
  private final Runnable peerRefused;
  private final Map<FramedConnection, Thread> open = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private volatile boolean closed;

  private ConnectionThreads(String name, Listener<?> listener, Handler handler, Runnable peerRefused) {
    this.name = Objects.requireNonNull(name, "name");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.peerRefused = Objects.requireNonNull(peerRefused, "peerRefused");
    this.acceptor = Thread.ofPlatform().name(name + "-accept").daemon().unstarted(this::acceptLoop);
  }

  /**
   * Starts accepting on {@code listener}: each connection goes to {@code handler} on its own
   * thread; a peer the transport itself refused (a failed TLS handshake) calls {@code peerRefused}.
   */
  public static ConnectionThreads start(String name, Listener<?> listener, Handler handler, Runnable peerRefused) {
    ConnectionThreads threads = new ConnectionThreads(name, listener, handler, peerRefused);
    threads.acceptor.start();
    return threads;
  }

  private void acceptLoop() {
    while (!closed) {
      FramedConnection connection;
      try {
        connection = listener.accept();
      } catch (PeerRefusedException e) {
        peerRefused.run();
        continue;
      } catch (ConnectionClosedException e) {
        return;
      } catch (TransportException e) {
        if (closed) {
          return;
        }
        continue; // one failed accept (e.g. a peer gone before its credentials were read)
      }
      Thread thread = Thread.ofPlatform().name(name + "-connection").daemon().unstarted(() -> serve(connection));
      open.put(connection, thread);
      thread.start();
    }
  }

  private void serve(FramedConnection connection) {
    try (connection) {
      handler.serve(connection);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, name + ": internal error, connection closed: " + e.getClass().getSimpleName());
    } finally {
      open.remove(connection);
    }
  }

  /** Stops accepting, closes every open connection, and waits (up to 10 s each) for the threads. */
  @Override
  public void close() {
    closed = true;
    listener.close();
    try {
      acceptor.join(JOIN_MILLIS);
      for (Map.Entry<FramedConnection, Thread> e : Map.copyOf(open).entrySet()) {
        e.getKey().close();
        e.getValue().join(JOIN_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
