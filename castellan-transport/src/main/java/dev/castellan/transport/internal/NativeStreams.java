package dev.castellan.transport.internal;

import dev.castellan.transport.PeerIdentity;
import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamListener;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.TransportOptions;
import dev.castellan.transport.VsockAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Unix and AF_VSOCK sockets over {@link NativeSocket}: the one place that connects, binds,
 * listens and accepts them, with the peer's identity ({@code SO_PEERCRED}; the vsock CID and
 * port). {@code UnixTransport} and {@code VsockTransport} put frames on top of these sockets;
 * {@link NativeStream} is the raw {@link StreamConnection}. Listeners are
 * {@link BoundedListener}s: accept() waits in slices of {@link BoundedListener#SLICE_MILLIS} so
 * a close() is seen; reads and writes wait in poll(2) until data, the deadline or close().
 */
public final class NativeStreams {
  private NativeStreams() {}

  /** A connected Unix socket to {@code path}. */
  public static NativeSocket connectUnixSocket(Path path) throws TransportException {
    Platform.requireLinux("Unix socket");
    byte[] sockaddr = SockaddrUn.encode(path.toString(), ByteOrder.nativeOrder());
    NativeSocket socket = openUnix();
    try {
      socket.connect(sockaddr);
      return socket;
    } catch (SystemCallException e) {
      socket.close();
      String reason = switch (e.errno()) {
        case Errno.ENOENT -> "no socket exists at " + path;
        case Errno.ECONNREFUSED -> "nothing is listening on " + path + " (connection refused)";
        default -> "cannot connect to " + path + ": " + e.getMessage();
      };
      throw new TransportException(reason, e);
    }
  }

  /**
   * Binds and listens on the Unix socket {@code path}: a stale socket file (nobody listening)
   * replaced, anything else refused; the file made owner-only (0600) between bind(2) and
   * listen(2), so before anyone can connect; deleted on close. At most
   * {@code maximumConnections} served at once.
   */
  public static BoundedListener<UnixDomainSocketAddress> bindUnix(Path path, int backlog, TransportOptions options,
      int maximumConnections) throws TransportException {
    Platform.requireLinux("Unix socket");
    byte[] sockaddr = SockaddrUn.encode(path.toString(), ByteOrder.nativeOrder());
    UnixSocketFile.clearStale(path);
    NativeSocket socket = openUnix();
    boolean bound = false;
    try {
      socket.bind(sockaddr);
      bound = true;
      UnixSocketFile file = UnixSocketFile.secure(path);
      socket.listen(backlog);
      return new BoundedListener<>(UnixDomainSocketAddress.of(path), new BoundedListener.Acceptor() {
        @Override
        public BoundedListener.Accepted accept(int waitMillis) throws TransportException {
          try {
            NativeSocket.Accepted accepted = socket.accept(128, waitMillis);
            if (accepted == null) {
              return null;
            }
            try {
              return new BoundedListener.Accepted(accepted.socket(), credentials(accepted.socket()));
            } catch (TransportException e) {
              accepted.socket().close();
              throw e;
            }
          } catch (SystemCallException e) {
            throw new TransportException("accept on " + path + " failed: " + e.getMessage(), e);
          }
        }

        @Override
        public void close() {
          socket.close();
          file.delete();
        }
      }, options, maximumConnections);
    } catch (SystemCallException e) {
      abandon(socket, bound, path);
      throw new TransportException("cannot listen on " + path + ": " + e.getMessage(), e);
    } catch (TransportException e) {
      abandon(socket, bound, path);
      throw e;
    }
  }

  /** Binds and listens on {@code address}; at most {@code maximumConnections} served at once. */
  public static BoundedListener<VsockAddress> bindVsock(VsockAddress address, int backlog, TransportOptions options,
      int maximumConnections) throws TransportException {
    VsockSockets.Bound bound = VsockSockets.listen(address, backlog);
    return new BoundedListener<>(bound.address(), new BoundedListener.Acceptor() {
      @Override
      public BoundedListener.Accepted accept(int waitMillis) throws TransportException {
        VsockSockets.Accepted accepted = VsockSockets.accept(bound, waitMillis);
        return accepted == null ? null : new BoundedListener.Accepted(accepted.socket(),
            new PeerIdentity.Vsock(accepted.peer().cid(), accepted.peer().port()));
      }

      @Override
      public void close() {
        bound.socket().close();
      }
    }, options, maximumConnections);
  }

  /** The peer's credentials, from {@code SO_PEERCRED}. */
  public static PeerIdentity.Unix credentials(NativeSocket socket) throws TransportException {
    try {
      return Ucred.decode(socket.option(Ucred.SOL_SOCKET, Ucred.SO_PEERCRED, Ucred.LENGTH), ByteOrder.nativeOrder());
    } catch (SystemCallException e) {
      throw new TransportException("cannot read the peer's credentials (SO_PEERCRED): " + e.getMessage(), e);
    }
  }

  public static StreamConnection connectUnix(StreamAddress.Unix address) throws TransportException {
    NativeSocket socket = connectUnixSocket(address.path());
    try {
      return new NativeStream(socket, credentials(socket), address.toString(), null, () -> {});
    } catch (TransportException e) {
      socket.close();
      throw e;
    }
  }

  public static StreamConnection connectVsock(StreamAddress.Vsock address) throws TransportException {
    VsockAddress target = address.address();
    return new NativeStream(VsockSockets.connect(target), new PeerIdentity.Vsock(target.cid(), target.port()),
        address.toString(), null, () -> {});
  }

  /** {@code options} null: no connection limit and no deadlines. */
  public static StreamListener listenUnix(StreamAddress.Unix address, int backlog, TransportOptions options)
      throws TransportException {
    return new Listening(bindUnix(address.path(), backlog, orDefaults(options), limit(options)), address, options);
  }

  /** {@code options} null: no connection limit and no deadlines. */
  public static StreamListener listenVsock(StreamAddress.Vsock address, int backlog, TransportOptions options)
      throws TransportException {
    BoundedListener<VsockAddress> bound = bindVsock(address.address(), backlog, orDefaults(options), limit(options));
    return new Listening(bound, new StreamAddress.Vsock(bound.address()), options);
  }

  private static TransportOptions orDefaults(TransportOptions options) {
    return options == null ? TransportOptions.DEFAULTS : options;
  }

  private static int limit(TransportOptions options) {
    return options == null ? Integer.MAX_VALUE : options.maximumConnections();
  }

  private static void abandon(NativeSocket socket, boolean bound, Path path) {
    socket.close();
    if (bound) {
      try {
        Files.deleteIfExists(path); // the file our bind(2) just created
      } catch (IOException ignored) {
        // nothing more to do: the error that brought us here is reported
      }
    }
  }

  private static NativeSocket openUnix() throws TransportException {
    try {
      return NativeSocket.open(SockaddrUn.AF_UNIX);
    } catch (SystemCallException e) {
      throw new TransportException("cannot create a Unix socket: " + e.getMessage(), e);
    }
  }

  private record Listening(BoundedListener<?> listener, StreamAddress address, TransportOptions options)
      implements StreamListener {
    @Override
    public StreamConnection accept() throws TransportException {
      return listener.accept((accepted, release) -> new NativeStream((NativeSocket) accepted.stream(),
          accepted.peer(), describe(accepted.peer()), options, release));
    }

    private String describe(PeerIdentity peer) {
      return switch (peer) {
        case PeerIdentity.Vsock vsock -> new VsockAddress(vsock.cid(), vsock.port()).toString();
        case PeerIdentity.Unix unix -> "unix client (pid " + unix.pid() + ", uid " + unix.uid() + ") of " + address;
        case PeerIdentity.Tls tls -> tls.subject();
      };
    }

    @Override
    public boolean blocksInNativeCode() {
      return true;
    }

    @Override
    public void close() {
      listener.close();
    }
  }

  /**
   * The raw {@link StreamConnection} over a {@link NativeSocket}: read and write go straight to
   * the socket (a direct buffer without a copy); the stream views bound each call by the
   * listener's deadlines, if it had options.
   */
  static final class NativeStream implements StreamConnection {
    private final NativeSocket socket;
    private final Optional<PeerIdentity> identity;
    private final String peer;
    private final Duration readDeadline;
    private final Duration writeDeadline;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    /** {@code options} null: the stream views wait as long as it takes; {@code onClose} runs once, on close. */
    NativeStream(NativeSocket socket, PeerIdentity identity, String peer, TransportOptions options, Runnable onClose) {
      this.socket = Objects.requireNonNull(socket);
      this.identity = Optional.of(identity);
      this.peer = Objects.requireNonNull(peer);
      this.readDeadline = options == null ? null : options.readDeadline();
      this.writeDeadline = options == null ? null : options.writeDeadline();
      this.onClose = Objects.requireNonNull(onClose);
    }

    @Override
    public int read(ByteBuffer buffer) throws TransportException {
      return socket.receive(buffer);
    }

    @Override
    public void write(ByteBuffer buffer) throws TransportException {
      socket.sendAll(buffer);
    }

    @Override
    public void shutdownOutput() throws TransportException {
      socket.shutdownOutput();
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
    public boolean blocksInNativeCode() {
      return true;
    }

    @Override
    public String peer() {
      return peer;
    }

    @Override
    public Optional<PeerIdentity> identity() {
      return identity;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        try {
          socket.close();
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
          return readDeadline == null ? socket.receive(ByteBuffer.wrap(buffer, offset, length))
              : socket.read(buffer, offset, length, Deadline.after("read", readDeadline));
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
          if (writeDeadline == null) {
            socket.sendAll(ByteBuffer.wrap(buffer, offset, length));
          } else {
            socket.write(buffer, offset, length, Deadline.after("write", writeDeadline));
          }
        } catch (TransportException e) {
          throw new IOException(e.getMessage(), e);
        }
      }
    }
  }
}
