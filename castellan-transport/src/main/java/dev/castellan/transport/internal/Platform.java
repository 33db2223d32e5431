package dev.castellan.transport.internal;

import dev.castellan.transport.TransportUnavailableException;
import java.util.Locale;

/**
 * The native transports use Linux constants (SOCK_CLOEXEC, SO_PEERCRED = 17, AF_VSOCK = 40)
 * whose values are those of x86_64 and aarch64; other platforms are refused, not guessed.
 */
public final class Platform {
  private Platform() {}

  /** Throws unless this is Linux on x86_64 or aarch64. */
  public static void requireLinux(String transport) throws TransportUnavailableException {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "");
    if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
      throw new TransportUnavailableException(String.format(Locale.ROOT,
          "the %s transport needs Linux on x86_64 or aarch64; this is %s on %s", transport, os, arch));
    }
  }
}
