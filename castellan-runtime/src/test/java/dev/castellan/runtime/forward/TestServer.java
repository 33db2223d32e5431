package dev.castellan.runtime.forward;

import dev.castellan.transport.StreamAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A target for the forwarder built on the JDK's own channels (not on the code under test):
 * it echoes every byte until end of stream, then, if {@code trailer} is positive, writes that
 * many more bytes (0, 1, 2, ... mod 251) before closing, to show the direction back keeps
 * flowing after a half-close.
 */
final class TestServer implements AutoCloseable {
  private final ServerSocketChannel channel;
  private final StreamAddress address;
  private final int trailer;

  private TestServer(ServerSocketChannel channel, StreamAddress address, int trailer) {
    this.channel = channel;
    this.address = address;
    this.trailer = trailer;
    Thread.ofVirtual().start(this::acceptLoop);
  }

  static TestServer tcp(int trailer) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 256);
    int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    return new TestServer(channel, new StreamAddress.Tcp("127.0.0.1", port), trailer);
  }

  static TestServer unix(Path path, int trailer) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
        .bind(UnixDomainSocketAddress.of(path), 256);
    return new TestServer(channel, new StreamAddress.Unix(path), trailer);
  }

  StreamAddress address() {
    return address;
  }

  /** A JDK client connection to {@code address}. */
  static SocketChannel connect(StreamAddress address) throws IOException {
    SocketAddress socketAddress = switch (address) {
      case StreamAddress.Tcp tcp -> new InetSocketAddress(tcp.host(), tcp.port());
      case StreamAddress.Unix unix -> UnixDomainSocketAddress.of(unix.path());
      case StreamAddress.Vsock vsock -> throw new IllegalArgumentException("the JDK has no vsock");
    };
    return SocketChannel.open(socketAddress);
  }

  private void acceptLoop() {
    while (channel.isOpen()) {
      try {
        SocketChannel connection = channel.accept();
        Thread.ofVirtual().start(() -> serve(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(SocketChannel connection) {
    try (connection) {
      ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
      while (connection.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          connection.write(buffer);
        }
        buffer.clear();
      }
      if (trailer > 0) {
        ByteBuffer tail = ByteBuffer.allocate(trailer);
        for (int i = 0; i < trailer; i++) {
          tail.put((byte) (i % 251));
        }
        tail.flip();
        while (tail.hasRemaining()) {
          connection.write(tail);
        }
      }
    } catch (IOException reset) {
      // the test decides what a dropped connection means
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
