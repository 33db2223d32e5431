package dev.castellan.transport;

import dev.castellan.transport.internal.ChannelStreams;
import dev.castellan.transport.internal.NativeStreams;
import java.time.Duration;

/**
 * Raw stream sockets over the three transports, for code that relays bytes (port forwarding)
 * rather than exchanging frames. There is no peer authentication here: whoever can reach a
 * listener can connect, so a Unix listener's socket file is owner-only (0600), as for
 * {@link UnixTransport}, and TCP and vsock listeners are reachable by anyone the network or
 * hypervisor lets through.
 *
 * <p>TCP and Unix sockets are JDK channels (they park virtual threads instead of blocking
 * carriers); AF_VSOCK goes through FFM ({@link VsockTransport}'s socket code) and blocks in
 * native code, see {@link StreamConnection#blocksInNativeCode()}.
 */
public final class StreamSockets {
  private StreamSockets() {}

  /**
   * Connects to {@code address} within {@code timeout} (TCP; a Unix connect is immediate, a
   * vsock connect is bounded by the kernel's vsock connect timeout, 2 s by default).
   * A refused or unreachable target is a {@link TransportException} naming the address.
   */
  public static StreamConnection connect(StreamAddress address, Duration timeout) throws TransportException {
    return switch (address) {
      case StreamAddress.Tcp tcp -> ChannelStreams.connectTcp(tcp, timeout);
      case StreamAddress.Unix unix -> ChannelStreams.connectUnix(unix);
      case StreamAddress.Vsock vsock -> NativeStreams.connect(vsock.address());
    };
  }

  /**
   * Binds and listens on {@code address} with a listen backlog of {@code backlog}. An address
   * in use is a {@link TransportException} that says so; a Unix socket file is handled as by
   * {@link UnixTransport} (a stale one replaced, anything else refused, deleted on close).
   */
  public static StreamListener listen(StreamAddress address, int backlog) throws TransportException {
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be positive");
    }
    return switch (address) {
      case StreamAddress.Tcp tcp -> ChannelStreams.listenTcp(tcp, backlog);
      case StreamAddress.Unix unix -> ChannelStreams.listenUnix(unix, backlog);
      case StreamAddress.Vsock vsock -> NativeStreams.listen(vsock.address(), backlog);
    };
  }
}
