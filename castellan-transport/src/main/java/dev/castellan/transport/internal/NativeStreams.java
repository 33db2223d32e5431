package dev.castellan.transport.internal;

import dev.castellan.transport.ConnectionClosedException;
import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.StreamConnection;
import dev.castellan.transport.StreamListener;
import dev.castellan.transport.TransportException;
import dev.castellan.transport.VsockAddress;
import java.nio.ByteBuffer;

/**
 * Raw AF_VSOCK streams over {@link NativeSocket}: the socket calls of {@code VsockTransport}
 * without the frames. accept() waits in slices of {@link BoundedListener#SLICE_MILLIS} so a
 * close() is seen; reads and writes wait in poll(2) until data or close().
 */
public final class NativeStreams {
  private NativeStreams() {}

  public static StreamConnection connect(VsockAddress address) throws TransportException {
    return new Connection(VsockSockets.connect(address), address.toString());
  }

  public static StreamListener listen(VsockAddress address, int backlog) throws TransportException {
    return new Listening(VsockSockets.listen(address, backlog));
  }

  private record Listening(VsockSockets.Bound bound) implements StreamListener {
    @Override
    public StreamConnection accept() throws TransportException {
      while (true) {
        if (bound.socket().isClosed()) {
          throw new ConnectionClosedException("the listener on " + bound.address() + " is closed");
        }
        VsockSockets.Accepted accepted = VsockSockets.accept(bound, BoundedListener.SLICE_MILLIS);
        if (accepted != null) {
          return new Connection(accepted.socket(), accepted.peer().toString());
        }
      }
    }

    @Override
    public StreamAddress address() {
      return new StreamAddress.Vsock(bound.address());
    }

    @Override
    public boolean blocksInNativeCode() {
      return true;
    }

    @Override
    public void close() {
      bound.socket().close();
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
