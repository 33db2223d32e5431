package dev.castellan.transport.internal;

import dev.castellan.transport.TransportException;
import dev.castellan.transport.VsockAddress;
import java.nio.ByteOrder;

/**
 * The AF_VSOCK socket calls shared by the framed {@code VsockTransport} and the raw
 * {@link NativeStreams}: open, connect, bind and listen, accept with the peer's address, each
 * failure described by {@link VsockErrors} and the socket closed on the way out.
 */
public final class VsockSockets {
  private VsockSockets() {}

  /** A listening socket and the address the kernel bound (the port chosen for {@code PORT_ANY}). */
  public record Bound(NativeSocket socket, VsockAddress address) {}

  /** An accepted socket and its peer's address. */
  public record Accepted(NativeSocket socket, VsockAddress peer) {}

  public static NativeSocket connect(VsockAddress address) throws TransportException {
    NativeSocket socket = open(address);
    try {
      socket.connect(SockaddrVm.encode(address, ByteOrder.nativeOrder()));
      return socket;
    } catch (SystemCallException e) {
      socket.close();
      throw VsockErrors.describe(e.call(), e.errno(), address);
    }
  }

  public static Bound listen(VsockAddress address, int backlog) throws TransportException {
    NativeSocket socket = open(address);
    try {
      socket.bind(SockaddrVm.encode(address, ByteOrder.nativeOrder()));
      socket.listen(backlog);
      return new Bound(socket, SockaddrVm.decode(socket.localAddress(SockaddrVm.LENGTH), ByteOrder.nativeOrder()));
    } catch (SystemCallException e) {
      socket.close();
      throw VsockErrors.describe(e.call(), e.errno(), address);
    } catch (TransportException e) {
      socket.close();
      throw e;
    }
  }

  /** The next connection on {@code bound}, or null if none arrived within {@code waitMillis}. */
  public static Accepted accept(Bound bound, int waitMillis) throws TransportException {
    NativeSocket.Accepted accepted;
    try {
      accepted = bound.socket().accept(SockaddrVm.LENGTH, waitMillis);
    } catch (SystemCallException e) {
      throw VsockErrors.describe(e.call(), e.errno(), bound.address());
    }
    if (accepted == null) {
      return null;
    }
    try {
      return new Accepted(accepted.socket(), SockaddrVm.decode(accepted.peerAddress(), ByteOrder.nativeOrder()));
    } catch (TransportException e) {
      accepted.socket().close();
      throw e;
    }
  }

  private static NativeSocket open(VsockAddress address) throws TransportException {
    Platform.requireLinux("vsock");
    try {
      return NativeSocket.open(SockaddrVm.AF_VSOCK);
    } catch (SystemCallException e) {
      throw VsockErrors.describe(e.call(), e.errno(), address);
    }
  }
}
