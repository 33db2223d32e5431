package dev.castellan.transport;

import dev.castellan.transport.internal.BoundedListener;
import dev.castellan.transport.internal.Errno;
import dev.castellan.transport.internal.FramedStream;
import dev.castellan.transport.internal.NativeSocket;
import dev.castellan.transport.internal.Platform;
import dev.castellan.transport.internal.RawStream;
import dev.castellan.transport.internal.SockaddrUn;
import dev.castellan.transport.internal.SystemCallException;
import dev.castellan.transport.internal.Ucred;
import dev.castellan.transport.internal.UnixSocketFile;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The default transport: Unix domain stream sockets (unix(7)), peer identity from
 * {@code SO_PEERCRED}. Linux only (x86_64, aarch64).
 *
 * <p>The sockets are driven through FFM rather than the JDK's {@code SocketChannel}, because
 * the JDK exposes neither the channel's file descriptor nor the peer's pid: its
 * {@code jdk.net.ExtendedSocketOptions.SO_PEERCRED} gives user and group principals (names)
 * only. Calls block in native code: a virtual thread in {@code receive()} pins its carrier for
 * up to the read deadline, so serve connections on platform threads.
 *
 * <p>Security: the socket file is owner-only (0600) before the listener accepts anything; a
 * stale socket file (nobody listening) is replaced, anything else at the path is refused; the
 * listener deletes its file on close.
 */
public final class UnixTransport implements Transport<UnixDomainSocketAddress> {
  private static final int MAXIMUM_BACKLOG = 128;
  private final TransportOptions options;

  private UnixTransport(TransportOptions options) {
    this.options = Objects.requireNonNull(options);
  }

  /** A Unix transport with {@link TransportOptions#DEFAULTS}. */
  public static UnixTransport create() {
    return create(TransportOptions.DEFAULTS);
  }

  /** A Unix transport with {@code options}. */
  public static UnixTransport create(TransportOptions options) {
    return new UnixTransport(options);
  }

  @Override
  public FramedConnection connect(UnixDomainSocketAddress address) throws TransportException {
    Platform.requireLinux("Unix socket");
    Path path = address.getPath();
    byte[] sockaddr = SockaddrUn.encode(path.toString(), ByteOrder.nativeOrder());
    NativeSocket socket = open();
    try {
      socket.connect(sockaddr);
      return new FramedStream(socket, credentials(socket), options, () -> {});
    } catch (SystemCallException e) {
      socket.close();
      String reason = switch (e.errno()) {
        case Errno.ENOENT -> "no socket exists at " + path;
        case Errno.ECONNREFUSED -> "nothing is listening on " + path;
        default -> "cannot connect to " + path + ": " + e.getMessage();
      };
      throw new TransportException(reason, e);
    } catch (TransportException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public Listener<UnixDomainSocketAddress> listen(UnixDomainSocketAddress address) throws TransportException {
    return bind(address);
  }

  /**
   * Binds {@code address} and listens on it for raw-byte connections (no frames), with the
   * same limits, peer identity and socket-file security as {@link #listen}.
   */
  public RawListener<UnixDomainSocketAddress> listenRaw(UnixDomainSocketAddress address) throws TransportException {
    return RawStream.listener(bind(address), options);
  }

  private BoundedListener<UnixDomainSocketAddress> bind(UnixDomainSocketAddress address) throws TransportException {
    Platform.requireLinux("Unix socket");
    Path path = address.getPath();
    byte[] sockaddr = SockaddrUn.encode(path.toString(), ByteOrder.nativeOrder());
    UnixSocketFile.clearStale(path);
    NativeSocket socket = open();
    boolean bound = false;
    try {
      socket.bind(sockaddr);
      bound = true;
      UnixSocketFile file = UnixSocketFile.secure(path);
      socket.listen(Math.min(options.maximumConnections(), MAXIMUM_BACKLOG));
      return new BoundedListener<>(address, new BoundedListener.Acceptor() {
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
      }, options);
    } catch (SystemCallException e) {
      abandon(socket, bound, path);
      throw new TransportException("cannot listen on " + path + ": " + e.getMessage(), e);
    } catch (TransportException e) {
      abandon(socket, bound, path);
      throw e;
    }
  }

  private static void abandon(NativeSocket socket, boolean bound, Path path) {
    socket.close();
    if (bound) {
      try {
        java.nio.file.Files.deleteIfExists(path); // the file our bind(2) just created
      } catch (java.io.IOException ignored) {
        // nothing more to do: the error that brought us here is reported
      }
    }
  }

  private static NativeSocket open() throws TransportException {
    try {
      return NativeSocket.open(SockaddrUn.AF_UNIX);
    } catch (SystemCallException e) {
      throw new TransportException("cannot create a Unix socket: " + e.getMessage(), e);
    }
  }

  private static PeerIdentity.Unix credentials(NativeSocket socket) throws TransportException {
    try {
      return Ucred.decode(socket.option(Ucred.SOL_SOCKET, Ucred.SO_PEERCRED, Ucred.LENGTH), ByteOrder.nativeOrder());
    } catch (SystemCallException e) {
      throw new TransportException("cannot read the peer's credentials (SO_PEERCRED): " + e.getMessage(), e);
    }
  }
}
