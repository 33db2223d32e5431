package dev.castellan.transport;

import dev.castellan.transport.internal.FramedStream;
import dev.castellan.transport.internal.NativeSocket;
import dev.castellan.transport.internal.NativeStreams;
import java.net.UnixDomainSocketAddress;
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
 * listener deletes its file on close. For unframed bytes over the same sockets (the same
 * peer identity, socket-file security and connection limit), see
 * {@link StreamSockets#listen(StreamAddress, TransportOptions)}.
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
    NativeSocket socket = NativeStreams.connectUnixSocket(address.getPath());
    try {
      return new FramedStream(socket, NativeStreams.credentials(socket), options, () -> {});
    } catch (TransportException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public Listener<UnixDomainSocketAddress> listen(UnixDomainSocketAddress address) throws TransportException {
    return NativeStreams.bindUnix(address.getPath(), Math.min(options.maximumConnections(), MAXIMUM_BACKLOG),
        options, options.maximumConnections());
  }
}
