package dev.castellan.transport;

import java.util.Locale;

/**
 * An AF_VSOCK address (vsock(7)): a context identifier (CID) and a port, both unsigned 32-bit.
 * Use {@link #CID_ANY} to listen on every local CID and {@link #CID_HOST} to reach the host
 * from an enclave or guest.
 */
public record VsockAddress(long cid, long port) {
  /** {@code VMADDR_CID_ANY}: bind to any local CID. */
  public static final long CID_ANY = 0xFFFF_FFFFL;
  /** {@code VMADDR_CID_HYPERVISOR}. */
  public static final long CID_HYPERVISOR = 0;
  /** {@code VMADDR_CID_LOCAL}: loopback, needs the {@code vsock_loopback} module. */
  public static final long CID_LOCAL = 1;
  /** {@code VMADDR_CID_HOST}: the host, seen from a guest or enclave. */
  public static final long CID_HOST = 2;
  /** {@code VMADDR_PORT_ANY}: let the kernel pick a port when binding. */
  public static final long PORT_ANY = 0xFFFF_FFFFL;

  /** Checks both fields fit 32 unsigned bits. */
  public VsockAddress {
    checkUnsigned32("cid", cid);
    checkUnsigned32("port", port);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "vsock:%d:%d", cid, port);
  }

  static void checkUnsigned32(String field, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "vsock %s %d does not fit 32 unsigned bits", field, value));
    }
  }
}
