package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw stream sockets against the real kernel: TCP and Unix end to end, vsock to the socket boundary. */
class StreamSocketsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  @TempDir Path directory;

  @Test
  void tcp_halfClose_peerReadsEndOfStreamAndStillAnswers() throws Exception {
    halfClose(new StreamAddress.Tcp("127.0.0.1", 0));
  }

  @Test
  void unix_halfClose_peerReadsEndOfStreamAndStillAnswers_socketFileOwnerOnly() throws Exception {
    Path path = directory.resolve("raw.sock");
    halfClose(new StreamAddress.Unix(path));
    assertThat(path).doesNotExist();
    try (StreamListener listener = StreamSockets.listen(new StreamAddress.Unix(path), 8)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
      assertThat(directory.toFile().list()).containsExactly("raw.sock");
    }
  }

  private static void halfClose(StreamAddress address) throws Exception {
    try (StreamListener listener = StreamSockets.listen(address, 8)) {
      CompletableFuture<String> server = CompletableFuture.supplyAsync(() -> {
        try (StreamConnection served = listener.accept()) {
          ByteBuffer in = ByteBuffer.allocate(64);
          while (served.read(in) >= 0) {
            // until the client's half-close
          }
          served.write(ByteBuffer.wrap("got it".getBytes(StandardCharsets.US_ASCII)));
          return new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
        } catch (TransportException e) {
          throw new IllegalStateException(e);
        }
      });
      try (StreamConnection client = StreamSockets.connect(listener.address(), TIMEOUT)) {
        client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        client.shutdownOutput();
        ByteBuffer answer = ByteBuffer.allocateDirect(64);
        while (client.read(answer) >= 0) {
          // until the server closes
        }
        answer.flip();
        assertThat(StandardCharsets.US_ASCII.decode(answer).toString()).isEqualTo("got it");
      }
      assertThat(server.get(5, TimeUnit.SECONDS)).isEqualTo("hello");
    }
  }

  @Test
  void listen_tcpPortInUse_saysSo() throws Exception {
    try (StreamListener first = StreamSockets.listen(new StreamAddress.Tcp("127.0.0.1", 0), 8)) {
      assertThatThrownBy(() -> StreamSockets.listen(first.address(), 8))
          .isInstanceOf(TransportException.class).hasMessageContaining(first.address() + " is already in use");
    }
  }

  @Test
  void connect_nobodyListening_failsNamingTheAddress() throws Exception {
    StreamAddress closed;
    try (StreamListener listener = StreamSockets.listen(new StreamAddress.Tcp("127.0.0.1", 0), 8)) {
      closed = listener.address();
    }
    assertThatThrownBy(() -> StreamSockets.connect(closed, TIMEOUT))
        .isInstanceOf(TransportException.class).hasMessage("nothing is listening on " + closed + " (connection refused)");
    assertThatThrownBy(() -> StreamSockets.connect(new StreamAddress.Unix(directory.resolve("none")), TIMEOUT))
        .hasMessageContaining("no socket exists at");
  }

  @Test
  void close_wakesABlockedAccept() throws Exception {
    StreamListener listener = StreamSockets.listen(new StreamAddress.Tcp("127.0.0.1", 0), 8);
    CompletableFuture<Throwable> accept = CompletableFuture.supplyAsync(() -> {
      try {
        listener.accept();
        return null;
      } catch (TransportException e) {
        return e;
      }
    });
    Thread.sleep(100);
    listener.close();
    assertThat(accept.get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectionClosedException.class);
  }

  @Tag("vsock")
  @Test
  void vsock_listenAnyCid_bindsAndListens_acceptWokenByClose() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/vsock")), "no /dev/vsock: this host has no vsock transport");
    StreamListener listener = StreamSockets.listen(
        new StreamAddress.Vsock(new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY)), 8);
    assertThat(listener.blocksInNativeCode()).isTrue();
    assertThat(((StreamAddress.Vsock) listener.address()).address().port()).isNotEqualTo(VsockAddress.PORT_ANY);
    Thread acceptor = Thread.ofPlatform().start(() -> {
      try {
        listener.accept();
      } catch (TransportException expected) {
        // closed
      }
    });
    Thread.sleep(100);
    listener.close();
    acceptor.join(5_000);
    assertThat(acceptor.isAlive()).isFalse();
  }
}
