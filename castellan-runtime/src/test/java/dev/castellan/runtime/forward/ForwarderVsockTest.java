package dev.castellan.runtime.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.TransportUnavailableException;
import dev.castellan.transport.VsockAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * AF_VSOCK to the socket boundary: this machine (like most CI hosts) has {@code /dev/vsock}
 * but no vsock loopback, so a forwarder can listen on vsock and try to connect to it, and no
 * byte can cross it. The relay itself is the same code as over TCP and Unix (ForwarderTest).
 */
@Tag("vsock")
class ForwarderVsockTest {
  @Test
  void listen_vsockAnyCid_bindsAndListensOnAKernelChosenPort() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/vsock")), "no /dev/vsock: this host has no vsock transport");
    StreamAddress any = new StreamAddress.Vsock(new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY));
    Forwarder forwarder;
    try {
      forwarder = Forwarder.start(any, new StreamAddress.Tcp("127.0.0.1", 9), ForwardOptions.DEFAULTS);
    } catch (TransportUnavailableException e) {
      abort("AF_VSOCK is not usable here: " + e.getMessage());
      return;
    }
    try (forwarder) {
      VsockAddress bound = ((StreamAddress.Vsock) forwarder.address()).address();
      assertThat(bound.cid()).isEqualTo(VsockAddress.CID_ANY);
      assertThat(bound.port()).isNotEqualTo(VsockAddress.PORT_ANY);
    }
  }

  @Test
  void tcpToVsock_targetUnreachable_clientClosedAndFailureCounted() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/vsock")), "no /dev/vsock: this host has no vsock transport");
    StreamAddress target = new StreamAddress.Vsock(new VsockAddress(VsockAddress.CID_LOCAL, 47_312));
    try (Forwarder forwarder = Forwarder.start(new StreamAddress.Tcp("127.0.0.1", 0), target, ForwardOptions.DEFAULTS);
        SocketChannel client = TestServer.connect(forwarder.address())) {
      int read;
      try {
        read = client.read(ByteBuffer.allocate(16));
      } catch (java.io.IOException reset) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
      ForwarderTest.eventually(() -> assertThat(forwarder.counters().targetFailures()).isEqualTo(1));
    }
  }
}
