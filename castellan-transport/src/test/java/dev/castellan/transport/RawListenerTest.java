package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw-byte listeners: a Unix one end to end (the client is the JDK's channel, as nc would be), vsock to the boundary. */
class RawListenerTest {
  @TempDir Path directory;

  @Test
  void unix_rawBytesBothWays_peerIsThisProcess_socketOwnerOnly() throws Exception {
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("raw.sock"));
    try (RawListener<UnixDomainSocketAddress> listener = UnixTransport.create().listenRaw(address)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(address.getPath()))).isEqualTo("rw-------");
      CompletableFuture<PeerIdentity> server = CompletableFuture.supplyAsync(() -> {
        try (RawConnection connection = listener.accept()) {
          byte[] line = connection.input().readNBytes(5);
          connection.output().write(("got " + new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
          return connection.peer();
        } catch (TransportException | IOException e) {
          throw new IllegalStateException(e);
        }
      });
      try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        client.connect(address);
        client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        ByteBuffer reply = ByteBuffer.allocate(64);
        while (client.read(reply) >= 0) {
          // until the server closes
        }
        assertThat(new String(reply.array(), 0, reply.position(), StandardCharsets.UTF_8)).isEqualTo("got hello");
      }
      PeerIdentity peer = server.get(10, TimeUnit.SECONDS);
      assertThat(peer).isInstanceOf(PeerIdentity.Unix.class);
      assertThat(((PeerIdentity.Unix) peer).pid()).isEqualTo(ProcessHandle.current().pid());
    }
    assertThat(address.getPath()).doesNotExist();
  }

  @Test
  void unix_idlePeer_readFailsAfterTheReadDeadline() throws Exception {
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("idle.sock"));
    UnixTransport transport = UnixTransport.create(TransportOptions.DEFAULTS.withReadDeadline(Duration.ofMillis(200)));
    try (RawListener<UnixDomainSocketAddress> listener = transport.listenRaw(address);
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      client.connect(address);
      try (RawConnection connection = listener.accept()) {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> connection.input().read()))
            .isInstanceOf(IOException.class).hasCauseInstanceOf(TimedOutException.class);
      }
    }
  }

  @Test
  void vsock_listenRaw_bindsAndListens() throws Exception {
    assumeThat(Files.exists(Path.of("/dev/vsock"))).as("no /dev/vsock: this host has no vsock transport").isTrue();
    try (RawListener<VsockAddress> listener = VsockTransport.create()
        .listenRaw(new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY))) {
      assertThat(listener.address().port()).isNotEqualTo(VsockAddress.PORT_ANY);
    }
  }
}
