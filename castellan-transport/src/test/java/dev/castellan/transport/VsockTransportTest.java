package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * AF_VSOCK against the real kernel. What runs depends on the host's vsock support, and each
 * test that needs a piece the host lacks is skipped with the reason; none fakes success.
 */
@Tag("vsock")
class VsockTransportTest {
  private static final long PORT = 47_311;
  private final VsockTransport transport = VsockTransport.create();

  @Test
  void connect_toLoopbackWhereNobodyListens_failsNamingTheAddressAndWhatIsMissing() {
    assertThatThrownBy(() -> transport.connect(new VsockAddress(VsockAddress.CID_LOCAL, PORT)))
        .isInstanceOf(TransportException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).contains("vsock:1:" + PORT);
          if (e instanceof TransportUnavailableException) {
            assertThat(e.getMessage()).containsAnyOf("vsock_loopback", "virtio-vsock");
          }
        });
  }

  @Test
  void listen_anyCidAnyPort_bindsAPortTheKernelChose() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/vsock")), "no /dev/vsock: this host has no vsock transport");
    try (Listener<VsockAddress> listener = transport.listen(new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY))) {
      assertThat(listener.address().cid()).isEqualTo(VsockAddress.CID_ANY);
      assertThat(listener.address().port()).isNotEqualTo(VsockAddress.PORT_ANY);
    }
  }

  @Test
  void roundTrip_overLoopback_peerIsLoopbackCid() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/vsock")), "no /dev/vsock: this host has no vsock transport");
    try (Listener<VsockAddress> listener = transport.listen(new VsockAddress(VsockAddress.CID_ANY, PORT))) {
      CompletableFuture<PeerIdentity> server = CompletableFuture.supplyAsync(() -> {
        try (FramedConnection served = listener.accept()) {
          served.send(served.receive());
          return served.peer();
        } catch (TransportException e) {
          throw new IllegalStateException(e);
        }
      });
      FramedConnection client;
      try {
        client = transport.connect(new VsockAddress(VsockAddress.CID_LOCAL, PORT));
      } catch (TransportUnavailableException noLoopback) {
        abort("vsock loopback is not available here: " + noLoopback.getMessage());
        return;
      }
      try (client) {
        client.send(new byte[] {4, 2});
        assertThat(client.receive()).containsExactly(4, 2);
        assertThat(client.peer()).isEqualTo(new PeerIdentity.Vsock(VsockAddress.CID_LOCAL, PORT));
        assertThat(((PeerIdentity.Vsock) server.get(10, TimeUnit.SECONDS)).cid()).isEqualTo(VsockAddress.CID_LOCAL);
      }
    }
  }
}
