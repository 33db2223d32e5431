package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Unix domain sockets in a temporary directory; the client side of some tests is the JDK's own channel. */
class UnixTransportTest {
  @TempDir Path directory;

  private final UnixTransport transport = UnixTransport.create();

  private UnixDomainSocketAddress address() {
    return UnixDomainSocketAddress.of(directory.resolve("castellan.sock"));
  }

  @Test
  void roundTrip_framesBothWays_andPeerIsThisProcess() throws Exception {
    try (Listener<UnixDomainSocketAddress> listener = transport.listen(address())) {
      CompletableFuture<PeerIdentity> server = CompletableFuture.supplyAsync(() -> {
        try (FramedConnection connection = listener.accept()) {
          byte[] request = connection.receive();
          connection.send(("echo:" + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
          return connection.peer();
        } catch (TransportException e) {
          throw new IllegalStateException(e);
        }
      });
      try (FramedConnection client = transport.connect(listener.address())) {
        client.send("ping".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(client.receive(), StandardCharsets.UTF_8)).isEqualTo("echo:ping");
        PeerIdentity expected = new PeerIdentity.Unix(id("-u"), id("-g"), ProcessHandle.current().pid());
        assertThat(client.peer()).as("client sees the server's credentials").isEqualTo(expected);
        assertThat(server.get(10, TimeUnit.SECONDS)).as("server sees the client's credentials").isEqualTo(expected);
      }
    }
  }

  @Test
  void listen_socketFileIsOwnerOnly_andRemovedOnClose() throws Exception {
    Path path = address().getPath();
    try (Listener<UnixDomainSocketAddress> listener = transport.listen(address())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
      assertThat(listener.address()).isEqualTo(address());
    }
    assertThat(path).doesNotExist();
  }

  @Test
  void listen_staleSocketFromDeadServer_isReplaced() throws Exception {
    Path path = address().getPath();
    // A server that died: its socket file remains but nobody listens on it.
    try (var dead = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(address());
    }
    assertThat(path).exists();
    try (Listener<UnixDomainSocketAddress> listener = transport.listen(address());
         FramedConnection client = transport.connect(address());
         FramedConnection served = listener.accept()) {
      client.send(new byte[] {1});
      assertThat(served.receive()).containsExactly(1);
    }
  }

  @Test
  void listen_liveServerOrRegularFile_refusedAndLeftAlone() throws Exception {
    try (Listener<UnixDomainSocketAddress> live = transport.listen(address())) {
      assertThatThrownBy(() -> transport.listen(address()))
          .isInstanceOf(TransportException.class).hasMessageContaining("already listening");
      assertThat(address().getPath()).exists();
    }
    Path file = Files.writeString(directory.resolve("not-a-socket"), "data");
    assertThatThrownBy(() -> transport.listen(UnixDomainSocketAddress.of(file)))
        .isInstanceOf(TransportException.class).hasMessageContaining("is not a socket");
    assertThat(file).hasContent("data");
  }

  @Test
  void connect_nothingThere_saysSo() {
    assertThatThrownBy(() -> transport.connect(address()))
        .isInstanceOf(TransportException.class).hasMessage("no socket exists at " + address().getPath());
  }

  @Test
  void receive_declared2Pow31_refusedBeforeReadingBody() throws Exception {
    try (Listener<UnixDomainSocketAddress> listener = transport.listen(address());
         SocketChannel raw = SocketChannel.open(address());
         FramedConnection served = listener.accept()) {
      raw.write(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 0}));
      assertThatThrownBy(served::receive).isInstanceOfSatisfying(FrameTooLargeException.class,
          e -> assertThat(e.declaredLength()).isEqualTo(1L << 31));
      assertThatThrownBy(served::receive).as("the connection is closed after a refusal")
          .isInstanceOf(ConnectionClosedException.class);
    }
  }

  @Test
  void receive_truncatedHeaderAndBody_areTruncatedNotClosed() throws Exception {
    try (Listener<UnixDomainSocketAddress> listener = transport.listen(address())) {
      for (byte[] sent : new byte[][] {{0, 0}, {0, 0, 0, 8, 's', 'e', 'c'}}) {
        try (FramedConnection served = peerSending(listener, sent)) {
          assertThatThrownBy(served::receive).isInstanceOf(TruncatedFrameException.class)
              .hasMessageNotContaining("sec");
        }
      }
      try (FramedConnection served = peerSending(listener, new byte[0])) {
        assertThatThrownBy(served::receive).isInstanceOf(ConnectionClosedException.class);
      }
    }
  }

  @Test
  void receive_stalledPeer_timesOutWithinDeadline() throws Exception {
    Duration deadline = Duration.ofMillis(300);
    UnixTransport quick = UnixTransport.create(TransportOptions.DEFAULTS.withReadDeadline(deadline));
    try (Listener<UnixDomainSocketAddress> listener = quick.listen(address());
         SocketChannel raw = SocketChannel.open(address());
         FramedConnection served = listener.accept()) {
      raw.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 10, 1, 2})); // header, part of the body, then nothing
      long start = System.nanoTime();
      assertThatThrownBy(served::receive).isInstanceOfSatisfying(TimedOutException.class,
          e -> assertThat(e.deadline()).isEqualTo(deadline));
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(elapsedMillis).isBetween(deadline.toMillis() - 5, deadline.toMillis() + 2_000);
    }
  }

  @Test
  void send_peerNotReading_timesOutWithinWriteDeadline() throws Exception {
    Duration deadline = Duration.ofMillis(300);
    UnixTransport quick = UnixTransport.create(TransportOptions.DEFAULTS
        .withWriteDeadline(deadline).withMaximumFrameSize(1 << 20));
    try (Listener<UnixDomainSocketAddress> listener = quick.listen(address());
         SocketChannel raw = SocketChannel.open(address());
         FramedConnection served = listener.accept()) {
      byte[] body = new byte[1 << 20];
      assertThatThrownBy(() -> {
        for (int i = 0; i < 64; i++) {
          served.send(body); // the kernel buffers a few hundred KiB, then the peer must read
        }
      }).isInstanceOfSatisfying(TimedOutException.class, e -> assertThat(e.operation()).isEqualTo("send"));
    }
  }

  @Test
  void accept_connectionLimit_waitsUntilAServedConnectionCloses() throws Exception {
    UnixTransport one = UnixTransport.create(TransportOptions.DEFAULTS.withMaximumConnections(1));
    try (Listener<UnixDomainSocketAddress> listener = one.listen(address());
         FramedConnection first = one.connect(address());
         FramedConnection second = one.connect(address())) {
      FramedConnection servedFirst = listener.accept();
      CompletableFuture<FramedConnection> next = CompletableFuture.supplyAsync(() -> {
        try {
          return listener.accept();
        } catch (TransportException e) {
          throw new IllegalStateException(e);
        }
      });
      second.send(new byte[] {2});
      Thread.sleep(500); // a wrongly granted second slot would be handed out well within this
      assertThat(next).as("a second connection while one is served").isNotDone();
      servedFirst.close();
      try (FramedConnection servedSecond = next.get(10, TimeUnit.SECONDS)) {
        assertThat(servedSecond.receive()).containsExactly(2);
      }
    }
  }

  @Test
  void close_wakesBlockedAccept() throws Exception {
    Listener<UnixDomainSocketAddress> listener = transport.listen(address());
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

  private FramedConnection peerSending(Listener<UnixDomainSocketAddress> listener, byte[] bytes) throws Exception {
    try (SocketChannel raw = SocketChannel.open(address())) {
      raw.write(ByteBuffer.wrap(bytes));
      FramedConnection served = listener.accept();
      raw.shutdownOutput();
      return served;
    }
  }

  private static long id(String flag) throws Exception {
    Process id = new ProcessBuilder("id", flag).redirectErrorStream(true).start();
    String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    assertThat(id.waitFor()).isZero();
    return Long.parseLong(out);
  }

}
