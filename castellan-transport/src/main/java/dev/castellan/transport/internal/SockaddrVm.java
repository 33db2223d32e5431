package dev.castellan.transport.internal;

import dev.castellan.transport.TransportException;
import dev.castellan.transport.VsockAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_vm} (linux/vm_sockets.h), 16 bytes in host byte order:
 * {@code sa_family_t svm_family} (AF_VSOCK = 40), {@code unsigned short svm_reserved1},
 * {@code unsigned int svm_port}, {@code unsigned int svm_cid},
 * {@code unsigned char svm_zero[4]}.
 */
public final class SockaddrVm {
  public static final int AF_VSOCK = 40;
  public static final int LENGTH = 16;

  private SockaddrVm() {}

  /** The 16-byte address for {@code address}. */
  public static byte[] encode(VsockAddress address, ByteOrder order) {
    return ByteBuffer.allocate(LENGTH).order(order)
        .putShort((short) AF_VSOCK).putShort((short) 0)
        .putInt((int) address.port()).putInt((int) address.cid())
        .putInt(0).array();
  }

  /** The address in a {@code struct sockaddr_vm} the kernel returned. */
  public static VsockAddress decode(byte[] sockaddr, ByteOrder order) throws TransportException {
    if (sockaddr.length != LENGTH) {
      throw new TransportException("a sockaddr_vm is 16 bytes; the kernel returned " + sockaddr.length);
    }
    ByteBuffer in = ByteBuffer.wrap(sockaddr).order(order);
    int family = Short.toUnsignedInt(in.getShort());
    if (family != AF_VSOCK) {
      throw new TransportException("expected address family AF_VSOCK (40), got " + family);
    }
    in.getShort(); // svm_reserved1
    long port = Integer.toUnsignedLong(in.getInt());
    long cid = Integer.toUnsignedLong(in.getInt());
    return new VsockAddress(cid, port);
  }
}
