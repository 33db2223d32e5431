package dev.castellan.runtime.init;

import dev.castellan.transport.StreamAddress;
import dev.castellan.transport.VsockAddress;
import java.nio.file.Path;

/** Where the control socket listens: {@code unix:PATH}, {@code vsock:PORT} (any CID) or {@code vsock:CID:PORT}. */
public sealed interface ControlAddress {
  /** A Unix domain socket at {@code path}. */
  record Unix(Path path) implements ControlAddress {
    @Override
    public String toString() {
      return "unix:" + path;
    }
  }

  /** An AF_VSOCK address. */
  record Vsock(VsockAddress address) implements ControlAddress {
    @Override
    public String toString() {
      return address.toString();
    }
  }

  /** The same address for the raw stream sockets of castellan-transport. */
  default StreamAddress streamAddress() {
    return switch (this) {
      case Unix unix -> new StreamAddress.Unix(unix.path());
      case Vsock vsock -> new StreamAddress.Vsock(vsock.address());
    };
  }

  /** Parses {@code text}; throws IllegalArgumentException saying the accepted forms. */
  static ControlAddress parse(String text) {
    if (text.startsWith("unix:") && text.length() > 5) {
      return new Unix(Path.of(text.substring(5)));
    }
    if (text.startsWith("vsock:")) {
      String[] parts = text.substring(6).split(":", -1);
      try {
        if (parts.length == 1) {
          return new Vsock(new VsockAddress(VsockAddress.CID_ANY, Long.parseLong(parts[0])));
        }
        if (parts.length == 2) {
          return new Vsock(new VsockAddress(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        }
      } catch (NumberFormatException e) {
        // falls through to the usage message
      }
    }
    throw new IllegalArgumentException("a control address is unix:PATH, vsock:PORT or vsock:CID:PORT, not " + text);
  }
}
