package dev.castellan.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the HTTP/1.1 connections one client IP address holds at once (Helidon caps only the
 * total). Helidon picks a protocol after a connection's first bytes, so this counts from
 * then on; a connection that never sends a byte is bounded by the read timeout and the total
 * cap instead. A connection over the cap is closed without a response: there is no request
 * yet to answer, and answering would cost the work the cap exists to save.
 */
final class AddressLimiter {
  private final int max;
  private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

  AddressLimiter(int max) {
    this.max = max;
  }

  /** The HTTP/1.1 selector for {@code limits}, wrapped with the per-address count. */
  ServerConnectionSelector selector(HttpLimits limits, Http1Config http1) {
    ServerConnectionSelector http = Http1ConnectionSelector.builder().config(http1).build();
    return new ServerConnectionSelector() {
      @Override
      public int bytesToIdentifyConnection() {
        return http.bytesToIdentifyConnection();
      }

      @Override
      public Support supports(BufferData request) {
        return http.supports(request);
      }

      @Override
      public Set<String> supportedApplicationProtocols() {
        return http.supportedApplicationProtocols();
      }

      @Override
      public ServerConnection connection(ConnectionContext context) {
        InetAddress address = context.remotePeer().address() instanceof InetSocketAddress a ? a.getAddress() : null;
        return new Counted(http.connection(context), address);
      }
    };
  }

  /** Open connections from {@code address} now (for tests and metrics). */
  int openFrom(InetAddress address) {
    AtomicInteger count = open.get(address);
    return count == null ? 0 : count.get();
  }

  private boolean acquire(InetAddress address) {
    AtomicInteger count = open.computeIfAbsent(address, a -> new AtomicInteger());
    if (count.incrementAndGet() > max) {
      release(address);
      return false;
    }
    return true;
  }

  private void release(InetAddress address) {
    open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  private final class Counted implements ServerConnection {
    private final ServerConnection delegate;
    private final InetAddress address;

    Counted(ServerConnection delegate, InetAddress address) {
      this.delegate = delegate;
      this.address = address;
    }

    @Override
    public void handle(Semaphore requestSemaphore) throws InterruptedException {
      if (address == null || !acquire(address)) {
        delegate.close(true);
        return;
      }
      try {
        delegate.handle(requestSemaphore);
      } finally {
        release(address);
      }
    }

    @Override
    public void handle(io.helidon.common.concurrency.limits.Limit limit) throws InterruptedException {
      if (address == null || !acquire(address)) {
        delegate.close(true);
        return;
      }
      try {
        delegate.handle(limit);
      } finally {
        release(address);
      }
    }

    @Override
    public Duration idleTime() {
      return delegate.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
      delegate.close(interrupt);
    }
  }
}
