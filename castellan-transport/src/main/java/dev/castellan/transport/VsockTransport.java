package dev.castellan.transport;

import dev.castellan.transport.internal.FramedStream;
import dev.castellan.transport.internal.NativeSocket;
import dev.castellan.transport.internal.NativeStreams;
import dev.castellan.transport.internal.VsockSockets;
import java.util.Objects;

/**
 * AF_VSOCK stream sockets (vsock(7)), the host-enclave channel of Nitro Enclaves and of VMs
 * with a virtio-vsock device, through FFM. Peer identity is the peer's CID and port as the
 * kernel reports them (accept(2) on the server; the connected address on the client): the
 * hypervisor assigns CIDs, so a guest cannot claim another's.
 *
 * <p>At run time it needs Linux (x86_64, aarch64) with a vsock transport: inside a guest, a
 * virtio-vsock device ({@code /dev/vsock}); on a host, {@code vhost_vsock}; for CID 1 on one
 * machine, the {@code vsock_loopback} module. Where one is missing, calls fail with a
 * {@link TransportUnavailableException} that says which; nothing is simulated. Calls block in
 * native code, as for {@link UnixTransport}; connect(2) is bounded by the kernel's vsock
 * connect timeout (2 s by default). For unframed bytes over the same sockets, see
 * {@link StreamSockets}.
 */
public final class VsockTransport implements Transport<VsockAddress> {
  private static final int MAXIMUM_BACKLOG = 128;
  private final TransportOptions options;

  private VsockTransport(TransportOptions options) {
    this.options = Objects.requireNonNull(options);
  }

  /** A vsock transport with {@link TransportOptions#DEFAULTS}. */
  public static VsockTransport create() {
    return create(TransportOptions.DEFAULTS);
  }

  /** A vsock transport with {@code options}. */
  public static VsockTransport create(TransportOptions options) {
    return new VsockTransport(options);
  }

  @Override
  public FramedConnection connect(VsockAddress address) throws TransportException {
    NativeSocket socket = VsockSockets.connect(address);
    return new FramedStream(socket, new PeerIdentity.Vsock(address.cid(), address.port()), options, () -> {});
  }

  @Override
  public Listener<VsockAddress> listen(VsockAddress address) throws TransportException {
    return NativeStreams.bindVsock(address, Math.min(options.maximumConnections(), MAXIMUM_BACKLOG),
        options, options.maximumConnections());
  }
}
