package dev.castellan.transport.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.EmptyFrameException;
import dev.castellan.transport.FrameTooLargeException;
import dev.castellan.transport.FramedConnection;
import dev.castellan.transport.PeerIdentity;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.TransportOptions;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** The one {@link FramedConnection}: frames over any {@link ByteStream}, with the options' limits. */
public final class FramedStream implements FramedConnection {
  private final ByteStream stream;
  private final PeerIdentity peer;
  private final TransportOptions options;
  private final Runnable onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Frames over {@code stream} to {@code peer}; {@code onClose} runs once, on close. */
  public FramedStream(ByteStream stream, PeerIdentity peer, TransportOptions options, Runnable onClose) {
    this.stream = Objects.requireNonNull(stream);
    this.peer = Objects.requireNonNull(peer);
    this.options = Objects.requireNonNull(options);
    this.onClose = Objects.requireNonNull(onClose);
  }

  @Override
  public void send(byte[] body) throws TransportException {
    ensureOpen();
    try {
      FrameCodec.write(stream, body, options.maximumFrameSize(),
          Deadline.after("send", options.writeDeadline()));
    } catch (EmptyFrameException | FrameTooLargeException refusedBeforeWriting) {
      throw refusedBeforeWriting; // nothing was written: the stream is still in step
    } catch (TransportException e) {
      throw failed(e);
    }
  }

  @Override
  public byte[] receive() throws TransportException {
    ensureOpen();
    try {
      return FrameCodec.read(stream, options.maximumFrameSize(),
          Deadline.after("receive", options.readDeadline()));
    } catch (TransportException e) {
      throw failed(e);
    }
  }

  private TransportException failed(TransportException e) {
    boolean closedHere = closed.get();
    close();
    return closedHere ? new ConnectionClosedException("the connection was closed by this side") : e;
  }

  private void ensureOpen() throws ConnectionClosedException {
    if (closed.get()) {
      throw new ConnectionClosedException("the connection is closed");
    }
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

  @Override
  public String toString() {
    return "FramedConnection[peer=" + peer + "]";
  }
}
