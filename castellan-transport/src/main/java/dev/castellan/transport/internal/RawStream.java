package dev.castellan.transport.internal;

import dev.castellan.transport.PeerIdentity;
import dev.castellan.transport.RawConnection;
import dev.castellan.transport.RawListener;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** The one {@link RawConnection}: a {@link ByteStream} as Java streams, each call within a deadline. */
public final class RawStream implements RawConnection {
  private final ByteStream stream;
  private final PeerIdentity peer;
  private final TransportOptions options;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final InputStream input = new Input();
  private final OutputStream output = new Output();

  /** Raw bytes over {@code stream} to {@code peer}; {@code onClose} runs once, on close. */
  public RawStream(ByteStream stream, PeerIdentity peer, TransportOptions options, Runnable onClose) {
    this.stream = Objects.requireNonNull(stream);
    this.peer = Objects.requireNonNull(peer);
    this.options = Objects.requireNonNull(options);
    this.onClose = Objects.requireNonNull(onClose);
  }

  /** A {@link RawListener} over {@code listener}'s socket and connection limit. */
  public static <A> RawListener<A> listener(BoundedListener<A> listener, TransportOptions options) {
    return new RawListener<>() {
      @Override
      public RawConnection accept() throws TransportException {
        return listener.accept((accepted, release) -> new RawStream(accepted.stream(), accepted.peer(), options, release));
      }

      @Override
      public A address() {
        return listener.address();
      }

      @Override
      public void close() {
        listener.close();
      }
    };
  }

  @Override
  public InputStream input() {
    return input;
  }

  @Override
  public OutputStream output() {
    return output;
  }

  @Override
  public PeerIdentity peer() {
    return peer;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        stream.close();
      } finally {
        onClose.run();
      }
    }
  }

  private final class Input extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (length == 0) {
        return 0;
      }
      try {
        return stream.read(buffer, offset, length, Deadline.after("read", options.readDeadline()));
      } catch (TransportException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  private final class Output extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      try {
        stream.write(buffer, offset, length, Deadline.after("write", options.writeDeadline()));
      } catch (TransportException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }
}
