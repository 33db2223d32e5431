package dev.castellan.runtime.forward;

import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamSockets;
import dev.castellan.transport.TransportException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One forwarded connection: the client, the connection made to the target for it, and one
 * pump per direction. A pump reads into its buffer and writes all of it before reading again,
 * so at most one buffer per direction is in flight and a slow reader slows its writer
 * (backpressure through the kernel's socket buffers). A pump that reads end of stream shuts
 * down the output of the other socket and ends; the sockets are closed when both pumps have
 * ended, or at once by {@link #abort()} (an error in either direction, the idle timeout, the
 * forwarder closing).
 */
final class Relay {
  private static final System.Logger LOG = System.getLogger(Forwarder.class.getName());

  private final Forwarder forwarder;
  private final StreamConnection client;
  private final BufferPool buffers;
  private final AtomicBoolean aborted = new AtomicBoolean();
  private final AtomicInteger pumps = new AtomicInteger(2);
  private volatile StreamConnection server;
  private volatile long lastActivity = System.nanoTime();

  Relay(Forwarder forwarder, StreamConnection client, BufferPool buffers) {
    this.forwarder = forwarder;
    this.client = client;
    this.buffers = buffers;
  }

  /** Connects to the target, then relays; runs on the connection's first thread. */
  void connectAndRun() {
    StreamConnection target;
    try {
      target = StreamSockets.connect(forwarder.targetAddress(), forwarder.options().connectTimeout());
    } catch (TransportException e) {
      forwarder.targetFailures.incrementAndGet();
      LOG.log(Level.WARNING, "forward {0}: closing client {1}: {2}", forwarder.address(), client.peer(), e.getMessage());
      client.close();
      forwarder.ended(this);
      return;
    }
    server = target;
    if (aborted.get()) { // the forwarder closed while we were connecting
      target.close();
      forwarder.ended(this);
      return;
    }
    lastActivity = System.nanoTime();
    forwarder.threads().newThread(() -> pump(target, client, forwarder.bytesFromTarget)).start();
    pump(client, target, forwarder.bytesToTarget);
  }

  private void pump(StreamConnection from, StreamConnection to, LongAdder relayed) {
    ByteBuffer buffer = buffers.take();
    try {
      while (from.read(buffer) >= 0) {
        lastActivity = System.nanoTime();
        buffer.flip();
        int length = buffer.remaining();
        to.write(buffer);
        relayed.add(length);
        buffer.clear();
      }
      to.shutdownOutput();
    } catch (TransportException e) {
      if (abort()) {
        LOG.log(Level.INFO, "forward {0}: connection of {1} ended: {2}", forwarder.address(), client.peer(), e.getMessage());
      }
    } finally {
      buffers.give(buffer);
      if (pumps.decrementAndGet() == 0) {
        client.close();
        to.close();
        from.close();
        forwarder.ended(this);
      }
    }
  }

  /** Nanoseconds since a byte last moved, at {@code now}. */
  long idleSince(long now) {
    return now - lastActivity;
  }

  /** Closes both sockets now; true for the call that did it. */
  boolean abort() {
    if (!aborted.compareAndSet(false, true)) {
      return false;
    }
    client.close();
    StreamConnection target = server;
    if (target != null) {
      target.close();
    }
    return true;
  }
}
