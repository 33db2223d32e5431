package dev.castellan.transport.internal;

import dev.castellan.transport.TransportException;
import dev.castellan.transport.TransportUnavailableException;
import dev.castellan.transport.VsockAddress;

/** What a failed vsock call means, in words that say what is missing on the host. */
public final class VsockErrors {
  static final String NEEDS =
      "vsock needs a VM with a virtio-vsock device or the vsock_loopback module";
  static final String LOOPBACK = "vsock loopback (CID 1) needs the vsock_loopback kernel module";

  private VsockErrors() {}

  /** The exception for {@code call} on {@code address} failing with {@code errno}. */
  public static TransportException describe(String call, int errno, VsockAddress address) {
    String failed = call + "() failed: " + Errno.name(errno);
    boolean loopback = address != null && address.cid() == VsockAddress.CID_LOCAL;
    return switch (errno) {
      case Errno.EAFNOSUPPORT ->
          new TransportUnavailableException("AF_VSOCK is not available on this host (" + failed + "): " + NEEDS);
      case Errno.ENODEV -> new TransportUnavailableException(
          "no vsock transport on this host reaches " + address + " (" + failed + "): "
              + (loopback ? LOOPBACK : NEEDS + "; a guest cannot connect to its own CID without loopback"));
      case Errno.ETIMEDOUT -> loopback
          ? new TransportUnavailableException("no answer from " + address + " (" + failed + "): " + LOOPBACK)
          : new TransportException("no answer from " + address + " within the kernel's vsock connect timeout (" + failed + ")");
      case Errno.EADDRNOTAVAIL -> new TransportUnavailableException(
          "CID " + address.cid() + " is not a local CID of this host (" + failed + ")"
              + (loopback ? ": " + LOOPBACK : ""));
      case Errno.ECONNREFUSED, Errno.ECONNRESET ->
          new TransportException("nothing is listening on " + address + " (" + failed + ")");
      default -> new TransportException(call + "() on " + address + " failed: " + Errno.describe(errno));
    };
  }
}
