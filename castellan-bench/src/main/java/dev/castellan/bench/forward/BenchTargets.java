package dev.castellan.bench.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The two loopback TCP targets of {@link ForwardBenchmark}, on the JDK's channels (the same
 * for every path measured): a bulk sink that acknowledges every {@link #BULK} bytes with one
 * byte, and a ping server that echoes one byte and closes after the client does.
 */
final class BenchTargets implements AutoCloseable {
  /** Bytes per throughput operation: 4 MiB. */
  static final int BULK = 4 * 1024 * 1024;

  final ServerSocketChannel bulk;
  final ServerSocketChannel ping;

  BenchTargets() throws IOException {
    bulk = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 512);
    ping = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 512);
    Thread.ofPlatform().daemon().start(() -> acceptLoop(bulk, BenchTargets::sink));
    Thread.ofPlatform().daemon().start(() -> acceptLoop(ping, BenchTargets::echoOne));
  }

  static int port(ServerSocketChannel channel) throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  private interface Handler {
    void serve(SocketChannel connection) throws IOException;
  }

  private static void acceptLoop(ServerSocketChannel server, Handler handler) {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        Thread.ofVirtual().start(() -> {
          try (connection) {
            handler.serve(connection);
          } catch (IOException ignored) {
            // a client that went away; the benchmark sees it on its side
          }
        });
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void sink(SocketChannel connection) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    ByteBuffer ack = ByteBuffer.allocateDirect(1);
    long pending = 0;
    for (int n; (n = connection.read(buffer)) >= 0; buffer.clear()) {
      pending += n;
      while (pending >= BULK) {
        pending -= BULK;
        connection.write(ack.clear());
      }
    }
  }

  private static void echoOne(SocketChannel connection) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    if (connection.read(one) == 1) {
      connection.write(one.flip());
      while (connection.read(one.clear()) >= 0) {
        // until the client closes
      }
    }
  }

  @Override
  public void close() throws IOException {
    bulk.close();
    ping.close();
  }
}
