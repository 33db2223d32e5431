package dev.castellan.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.transport.internal.Errno;
import dev.castellan.transport.internal.SockaddrUn;
import dev.castellan.transport.internal.SockaddrVm;
import dev.castellan.transport.internal.Ucred;
import dev.castellan.transport.internal.VsockErrors;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The native structures and errno messages as pure functions, on any host. */
class NativeEncodingTest {
  @Test
  void sockaddrVm_littleEndian_matchesLinuxLayout() throws Exception {
    byte[] encoded = SockaddrVm.encode(new VsockAddress(3, 5000), ByteOrder.LITTLE_ENDIAN);
    assertThat(encoded).containsExactly(
        40, 0, // svm_family = AF_VSOCK
        0, 0, // svm_reserved1
        (byte) 0x88, 0x13, 0, 0, // svm_port = 5000
        3, 0, 0, 0, // svm_cid = 3
        0, 0, 0, 0); // svm_zero
    assertThat(SockaddrVm.decode(encoded, ByteOrder.LITTLE_ENDIAN)).isEqualTo(new VsockAddress(3, 5000));
  }

  @Test
  void sockaddrVm_unsignedExtremes_roundTrip() throws Exception {
    VsockAddress any = new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY);
    byte[] encoded = SockaddrVm.encode(any, ByteOrder.BIG_ENDIAN);
    assertThat(encoded).startsWith(0, 40, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1);
    assertThat(SockaddrVm.decode(encoded, ByteOrder.BIG_ENDIAN)).isEqualTo(any);
  }

  @Test
  void sockaddrVm_wrongLengthOrFamily_refused() {
    assertThatThrownBy(() -> SockaddrVm.decode(new byte[8], ByteOrder.LITTLE_ENDIAN))
        .isInstanceOf(TransportException.class).hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> SockaddrVm.decode(new byte[16], ByteOrder.LITTLE_ENDIAN))
        .isInstanceOf(TransportException.class).hasMessageContaining("AF_VSOCK");
    assertThatThrownBy(() -> new VsockAddress(1L << 32, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sockaddrUn_familyPathNul_andLengthLimit() throws Exception {
    assertThat(SockaddrUn.encode("/a", ByteOrder.LITTLE_ENDIAN)).containsExactly(1, 0, '/', 'a', 0);
    assertThat(SockaddrUn.encode("x".repeat(107), ByteOrder.LITTLE_ENDIAN)).hasSize(110);
    assertThatThrownBy(() -> SockaddrUn.encode("x".repeat(108), ByteOrder.LITTLE_ENDIAN))
        .isInstanceOf(TransportException.class).hasMessageContaining("1 to 107 bytes");
  }

  @Test
  void ucred_pidUidGid_unsigned() throws Exception {
    byte[] ucred = {0x39, 0x30, 0, 0, -2, -1, -1, -1, 100, 0, 0, 0}; // pid 12345, uid 2^32-2, gid 100
    assertThat(Ucred.decode(ucred, ByteOrder.LITTLE_ENDIAN)).isEqualTo(new PeerIdentity.Unix(0xFFFF_FFFEL, 100, 12345));
    assertThatThrownBy(() -> Ucred.decode(new byte[12], ByteOrder.LITTLE_ENDIAN))
        .isInstanceOf(TransportException.class).hasMessageContaining("no peer process");
  }

  @Test
  void errno_namesAndUnknown() {
    assertThat(Errno.name(97)).isEqualTo("EAFNOSUPPORT");
    assertThat(Errno.describe(111)).isEqualTo("ECONNREFUSED (connection refused)");
    assertThat(Errno.name(4242)).isEqualTo("errno 4242");
  }

  @Test
  void vsockErrors_sayWhatIsMissing() {
    VsockAddress loopback = new VsockAddress(VsockAddress.CID_LOCAL, 5000);
    assertThat(VsockErrors.describe("socket", Errno.EAFNOSUPPORT, loopback))
        .isInstanceOf(TransportUnavailableException.class)
        .hasMessage("AF_VSOCK is not available on this host (socket() failed: EAFNOSUPPORT): "
            + "vsock needs a VM with a virtio-vsock device or the vsock_loopback module");
    assertThat(VsockErrors.describe("connect", Errno.ETIMEDOUT, loopback))
        .isInstanceOf(TransportUnavailableException.class).hasMessageContaining("vsock_loopback");
    assertThat(VsockErrors.describe("connect", Errno.ENODEV, new VsockAddress(3, 5000)))
        .isInstanceOf(TransportUnavailableException.class).hasMessageContaining("its own CID");
    assertThat(VsockErrors.describe("connect", Errno.ECONNRESET, new VsockAddress(2, 5000)))
        .isNotInstanceOf(TransportUnavailableException.class)
        .hasMessage("nothing is listening on vsock:2:5000 (connect() failed: ECONNRESET)");
  }
}
