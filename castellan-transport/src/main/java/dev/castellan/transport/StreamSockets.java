package dev.castellan.transport;

import dev.castellan.transport.internal.ChannelStreams;
import dev.castellan.transport.internal.NativeStreams;
import java.time.Duration;

/**
 * Raw stream sockets over the three transports, for code that relays or reads bytes rather
 * than exchanging frames. Listeners do not authenticate: whoever can reach one can connect; a
 * Unix listener's socket file is owner-only (0600) before anything can connect, as for
 * {@link UnixTransport}, and TCP and vsock listeners are reachable by anyone the network or
 * hypervisor lets through. Each connection tells who its peer is
 * ({@link StreamConnection#identity()}) for the caller to decide.
 *
 * <p>TCP sockets are JDK channels (they park virtual threads instead of blocking carriers);
 * Unix and AF_VSOCK sockets go through FFM, the socket code of {@link UnixTransport} and
 * {@link VsockTransport} (the JDK gives no Unix peer's uid and pid), and block in native
 * code, see {@link StreamConnection#blocksInNativeCode()}.
 */
public final class StreamSockets {
  private static final int MAXIMUM_BACKLOG = 128;

  private StreamSockets() {}

  /**
   * Connects to {@code address} within {@code timeout} (TCP; a Unix connect is immediate, a
   * vsock connect is bounded by the kernel's vsock connect timeout, 2 s by default).
   * A refused or unreachable target is a {@link TransportException} naming the address.
   */
  public static StreamConnection connect(StreamAddress address, Duration timeout) throws TransportException {
    return switch (address) {
      case StreamAddress.Tcp tcp -> ChannelStreams.connectTcp(tcp, timeout);
      case StreamAddress.Unix unix -> NativeStreams.connectUnix(unix);
      case StreamAddress.Vsock vsock -> NativeStreams.connectVsock(vsock);
    };
  }

  /**
   * Binds and listens on {@code address} with a listen backlog of {@code backlog}, serving any
   * number of connections whose reads and writes wait as long as it takes. An address in use
   * is a {@link TransportException} that says so; a Unix socket file is handled as by
   * {@link UnixTransport} (a stale one replaced, anything else refused, deleted on close).
   */
  public static StreamListener listen(StreamAddress address, int backlog) throws TransportException {
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be positive");
    }
    return switch (address) {
      case StreamAddress.Tcp tcp -> ChannelStreams.listenTcp(tcp, backlog);
      case StreamAddress.Unix unix -> NativeStreams.listenUnix(unix, backlog, null);
      case StreamAddress.Vsock vsock -> NativeStreams.listenVsock(vsock, backlog, null);
    };
  }

  /**
   * Binds and listens on a Unix or vsock {@code address} as {@link #listen(StreamAddress, int)}
   * does, within {@code options}: at most {@link TransportOptions#maximumConnections()} served
   * at once, and every read of a connection's {@link StreamConnection#input()} and write of its
   * {@link StreamConnection#output()} bounded by the read and write deadline (the frame size
   * does not apply). TCP is refused ({@link IllegalArgumentException}): this is for servers that
   * decide by the peer's identity, which TCP does not have.
   */
  public static StreamListener listen(StreamAddress address, TransportOptions options) throws TransportException {
    int backlog = Math.min(options.maximumConnections(), MAXIMUM_BACKLOG);
    return switch (address) {
      case StreamAddress.Tcp tcp -> throw new IllegalArgumentException(
          "a TCP peer has no identity to serve by: listen(address, backlog)");
      case StreamAddress.Unix unix -> NativeStreams.listenUnix(unix, backlog, options);
      case StreamAddress.Vsock vsock -> NativeStreams.listenVsock(vsock, backlog, options);
    };
  }
}
