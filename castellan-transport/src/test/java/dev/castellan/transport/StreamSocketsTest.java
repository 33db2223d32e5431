package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw stream sockets against the real kernel: TCP and Unix end to end (peer identity, deadlines, limit), vsock to the socket boundary. */
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
  void unix_withOptions_bytesBothWaysThroughTheStreamViews_identityIsThisProcess_socketOwnerOnly() throws Exception {
    Path path = directory.resolve("control.sock");
    try (StreamListener listener = StreamSockets.listen(new StreamAddress.Unix(path), TransportOptions.DEFAULTS)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
      CompletableFuture<Optional<PeerIdentity>> server = CompletableFuture.supplyAsync(() -> {
        try (StreamConnection connection = listener.accept()) {
          byte[] line = connection.input().readNBytes(5);
          connection.output().write(("got " + new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
          return connection.identity();
        } catch (TransportException | IOException e) {
          throw new IllegalStateException(e);
        }
      });
      try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) { // as nc would be
        client.connect(UnixDomainSocketAddress.of(path));
        client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        ByteBuffer reply = ByteBuffer.allocate(64);
        while (client.read(reply) >= 0) {
          // until the server closes
        }
        assertThat(new String(reply.array(), 0, reply.position(), StandardCharsets.UTF_8)).isEqualTo("got hello");
      }
      PeerIdentity peer = server.get(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(peer).isInstanceOf(PeerIdentity.Unix.class);
      assertThat(((PeerIdentity.Unix) peer).pid()).isEqualTo(ProcessHandle.current().pid());
    }
    assertThat(path).doesNotExist();
  }

  @Test
  void unix_connect_identityIsTheListeningProcess_tcpHasNone() throws Exception {
    try (StreamListener listener = StreamSockets.listen(new StreamAddress.Unix(directory.resolve("id.sock")), 8);
        StreamConnection client = StreamSockets.connect(listener.address(), TIMEOUT);
        StreamConnection served = listener.accept()) {
      assertThat(client.identity()).get().isInstanceOfSatisfying(PeerIdentity.Unix.class,
          unix -> assertThat(unix.pid()).isEqualTo(ProcessHandle.current().pid()));
      assertThat(served.identity()).isPresent();
      assertThat(served.blocksInNativeCode()).isTrue();
    }
    try (StreamListener listener = StreamSockets.listen(new StreamAddress.Tcp("127.0.0.1", 0), 8);
        StreamConnection client = StreamSockets.connect(listener.address(), TIMEOUT);
        StreamConnection served = listener.accept()) {
      assertThat(client.identity()).isEmpty();
      assertThat(served.identity()).isEmpty();
      assertThat(served.blocksInNativeCode()).isFalse();
    }
    assertThatThrownBy(() -> StreamSockets.listen(new StreamAddress.Tcp("127.0.0.1", 0), TransportOptions.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unix_withOptions_idlePeer_inputReadFailsAfterTheReadDeadline() throws Exception {
    Path path = directory.resolve("idle.sock");
    TransportOptions options = TransportOptions.DEFAULTS.withReadDeadline(Duration.ofMillis(200));
    try (StreamListener listener = StreamSockets.listen(new StreamAddress.Unix(path), options);
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      client.connect(UnixDomainSocketAddress.of(path));
      try (StreamConnection connection = listener.accept()) {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> connection.input().read()))
            .isInstanceOf(IOException.class).hasCauseInstanceOf(TimedOutException.class);
      }
    }
  }

  @Test
  void unix_withOptions_servesAtMostMaximumConnections() throws Exception {
    Path path = directory.resolve("limit.sock");
    TransportOptions options = TransportOptions.DEFAULTS.withMaximumConnections(1);
    try (StreamListener listener = StreamSockets.listen(new StreamAddress.Unix(path), options);
        SocketChannel first = SocketChannel.open(StandardProtocolFamily.UNIX);
        SocketChannel second = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      first.connect(UnixDomainSocketAddress.of(path));
      second.connect(UnixDomainSocketAddress.of(path));
      StreamConnection served = listener.accept();
      CompletableFuture<StreamConnection> next = CompletableFuture.supplyAsync(() -> {
        try {
          return listener.accept();
        } catch (TransportException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(500);
      assertThat(next).isNotDone();
      served.close();
      next.get(5, TimeUnit.SECONDS).close();
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

  @Tag("vsock")
  @Test
  void vsock_listenWithOptions_bindsAndListens() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/vsock")), "no /dev/vsock: this host has no vsock transport");
    try (StreamListener listener = StreamSockets.listen(
        new StreamAddress.Vsock(new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY)), TransportOptions.DEFAULTS)) {
      assertThat(((StreamAddress.Vsock) listener.address()).address().port()).isNotEqualTo(VsockAddress.PORT_ANY);
    }
  }
}
