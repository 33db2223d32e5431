package dev.castellan.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castellan forward vsock-to-ip} in its own JVM, relaying TCP to a target in this one, stopped by SIGTERM. */
class ForwardEndToEndTest {
  @TempDir Path directory;

  @Test
  void forward_tcpToTcp_relaysUntilSigtermThenPrintsItsCounters() throws Exception {
    try (ServerSocketChannel target = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
      int targetPort = ((InetSocketAddress) target.getLocalAddress()).getPort();
      Thread.ofVirtual().start(() -> {
        try (SocketChannel served = target.accept()) {
          ByteBuffer buffer = ByteBuffer.allocate(64);
          while (served.read(buffer) >= 0) {
            // until the client's half-close
          }
          served.write(ByteBuffer.wrap(("you sent " + buffer.position() + " bytes").getBytes(StandardCharsets.US_ASCII)));
        } catch (java.io.IOException ignored) {
          // the assertions below say what went wrong
        }
      });
      ChildJvm forward = ChildJvm.start(directory, "forward", null,
          "forward", "vsock-to-ip", "--listen", "tcp:127.0.0.1:0", "--to", "127.0.0.1:" + targetPort);
      try (forward) {
        String port = forward.await("listening on tcp:127\\.0\\.0\\.1:(\\d+), forwarding to tcp:127\\.0\\.0\\.1:" + targetPort,
            Duration.ofSeconds(30));
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)))) {
          client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
          client.shutdownOutput();
          ByteBuffer answer = ByteBuffer.allocate(64);
          while (client.read(answer) >= 0) {
            // until the target closes
          }
          assertThat(new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII)).isEqualTo("you sent 5 bytes");
        }
      }
      assertThat(forward.stdout()).contains("stopped; accepted 1, active 0, refused 0, target failures 0, idle closed 0,"
          + " bytes to target 5, bytes from target 16");
    }
  }
}
