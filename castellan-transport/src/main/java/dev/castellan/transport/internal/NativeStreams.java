package dev.castellan.transport.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamListener;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.VsockAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raw AF_VSOCK streams over {@link NativeSocket}: the socket calls of {@code VsockTransport}
 * without the frames. accept() waits in slices of {@link BoundedListener#SLICE_MILLIS} so a
 * close() is seen; reads and writes wait in poll(2) until data or close().
 */
public final class NativeStreams {
  private NativeStreams() {}

  public static StreamConnection connect(VsockAddress address) throws TransportException {
    NativeSocket socket = open(address);
    try {
      socket.connect(SockaddrVm.encode(address, ByteOrder.nativeOrder()));
      return new Connection(socket, address.toString());
    } catch (SystemCallException e) {
      socket.close();
      throw VsockErrors.describe(e.call(), e.errno(), address);
    }
  }

  public static StreamListener listen(VsockAddress address, int backlog) throws TransportException {
    NativeSocket socket = open(address);
    try {
      socket.bind(SockaddrVm.encode(address, ByteOrder.nativeOrder()));
      socket.listen(backlog);
      VsockAddress bound = SockaddrVm.decode(socket.localAddress(SockaddrVm.LENGTH), ByteOrder.nativeOrder());
      return new Listening(socket, bound);
    } catch (SystemCallException e) {
      socket.close();
      throw VsockErrors.describe(e.call(), e.errno(), address);
    } catch (TransportException e) {
      socket.close();
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

  private record Listening(NativeSocket socket, VsockAddress bound) implements StreamListener {
    @Override
    public StreamConnection accept() throws TransportException {
      while (true) {
        if (socket.isClosed()) {
          throw new ConnectionClosedException("the listener on " + bound + " is closed");
        }
        NativeSocket.Accepted accepted;
        try {
          accepted = socket.accept(SockaddrVm.LENGTH, BoundedListener.SLICE_MILLIS);
        } catch (SystemCallException e) {
          throw VsockErrors.describe(e.call(), e.errno(), bound);
        }
        if (accepted != null) {
          try {
            return new Connection(accepted.socket(),
                SockaddrVm.decode(accepted.peerAddress(), ByteOrder.nativeOrder()).toString());
          } catch (TransportException e) {
            accepted.socket().close();
            throw e;
          }
        }
      }
    }

    @Override
    public StreamAddress address() {
      return new StreamAddress.Vsock(bound);
    }

    @Override
    public boolean blocksInNativeCode() {
      return true;
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private record Connection(NativeSocket socket, String peer) implements StreamConnection {
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
    public boolean blocksInNativeCode() {
      return true;
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
