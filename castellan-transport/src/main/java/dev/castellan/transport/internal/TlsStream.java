package dev.castellan.transport.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.PeerRefusedException;
import dev.castellan.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A handshaken {@link SSLSocket} as a {@link ByteStream}. Reads are bounded by setting the
 * socket timeout to the deadline's remaining time; writes, which socket timeouts do not cover,
 * by closing the socket if the write outlives its deadline.
 */
public final class TlsStream implements ByteStream {
  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Object reading = new Object();
  private final Object writing = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();

  public TlsStream(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Deadline deadline) throws TransportException {
    synchronized (reading) {
      try {
        socket.setSoTimeout(deadline.remainingMillis());
        return in.read(buffer, offset, length);
      } catch (SocketTimeoutException e) {
        throw deadline.expired();
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  @Override
  public void write(byte[] buffer, int offset, int length, Deadline deadline) throws TransportException {
    synchronized (writing) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicBoolean expired = new AtomicBoolean();
      CompletableFuture.runAsync(() -> {
        if (!done.get()) {
          expired.set(true);
          close();
        }
      }, CompletableFuture.delayedExecutor(deadline.remainingMillis(), TimeUnit.MILLISECONDS));
      try {
        out.write(buffer, offset, length);
        out.flush();
      } catch (IOException e) {
        throw expired.get() ? deadline.expired() : failure(e);
      } finally {
        done.set(true);
      }
    }
  }

  private TransportException failure(IOException e) {
    if (closed.get()) {
      return new ConnectionClosedException("the connection is closed");
    }
    if (e instanceof SSLException) {
      return new PeerRefusedException("TLS failed: " + e.getMessage(), e);
    }
    return new TransportException("TLS connection failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing releases the socket even when it reports an error
      }
    }
  }
}
