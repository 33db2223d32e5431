package dev.castellan.transport;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a raw byte stream is opened or accepted: {@code tcp:HOST:PORT} (or bare
 * {@code HOST:PORT}), {@code unix:PATH} or {@code vsock:CID:PORT}. To listen, {@code vsock:PORT}
 * means any local CID. An IPv6 host is written in brackets ({@code tcp:[::1]:8080}).
 *
 * <p>{@link #parseConnect} and {@link #parseListen} refuse a malformed address with an
 * {@link IllegalArgumentException} whose message says what is wrong in terms of the form
 * ({@code vsock:CID:PORT needs a CID}); the caller prefixes the option it came from.
 */
public sealed interface StreamAddress {
  /** A TCP address; {@code host} is a name or a literal, {@code port} 0 (listen only: any) to 65535. */
  record Tcp(String host, int port) implements StreamAddress {
    /** Checks the host is not empty and the port fits 16 bits. */
    public Tcp {
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("tcp:HOST:PORT needs a HOST");
      }
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "TCP port %d is outside 0..65535", port));
      }
    }

    @Override
    public String toString() {
      return "tcp:" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** A Unix domain socket at {@code path}. */
  record Unix(Path path) implements StreamAddress {
    @Override
    public String toString() {
      return "unix:" + path;
    }
  }

  /** An AF_VSOCK address. */
  record Vsock(VsockAddress address) implements StreamAddress {
    @Override
    public String toString() {
      return address.toString();
    }
  }

  /** An address to connect to: every part given (no any-CID, no port 0). */
  static StreamAddress parseConnect(String text) {
    StreamAddress address = parse(text, false);
    if (address instanceof Tcp tcp && tcp.port() == 0) {
      throw new IllegalArgumentException("tcp:HOST:PORT needs a PORT other than 0 to connect to");
    }
    return address;
  }

  /** An address to listen on: {@code vsock:PORT} is any CID, TCP port 0 lets the kernel choose. */
  static StreamAddress parseListen(String text) {
    return parse(text, true);
  }

  private static StreamAddress parse(String text, boolean listening) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an address is empty; expected tcp:HOST:PORT, unix:PATH or vsock:CID:PORT");
    }
    if (text.startsWith("unix:")) {
      String path = text.substring(5);
      if (path.isEmpty()) {
        throw new IllegalArgumentException("unix:PATH needs a PATH");
      }
      return new Unix(Path.of(path));
    }
    if (text.startsWith("vsock:")) {
      return new Vsock(vsock(text.substring(6), listening));
    }
    return tcp(text.startsWith("tcp:") ? text.substring(4) : text);
  }

  private static VsockAddress vsock(String rest, boolean listening) {
    String[] parts = rest.split(":", -1);
    if (parts.length == 1 && !listening) {
      throw new IllegalArgumentException("vsock:CID:PORT needs a CID (vsock:PORT, any CID, is for listening only)");
    }
    if (parts.length > 2) {
      throw new IllegalArgumentException("vsock:CID:PORT has more than two parts: vsock:" + rest);
    }
    long cid = parts.length == 1 ? VsockAddress.CID_ANY : unsigned("vsock CID", parts[0], 0xFFFF_FFFFL);
    long port = unsigned("vsock PORT", parts[parts.length - 1], 0xFFFF_FFFFL);
    return new VsockAddress(cid, port);
  }

  private static Tcp tcp(String rest) {
    int colon = rest.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("tcp:HOST:PORT needs a PORT (a bare address is read as HOST:PORT): " + rest);
    }
    String host = rest.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException("an IPv6 host goes in brackets, tcp:[::1]:PORT: " + rest);
    }
    return new Tcp(host, (int) unsigned("TCP PORT", rest.substring(colon + 1), 65_535));
  }

  private static long unsigned(String what, String digits, long maximum) {
    if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(what + " must be a decimal number, got \"" + printable(digits) + "\"");
    }
    long value = Long.parseLong(digits);
    if (value > maximum) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %d is outside 0..%d", what, value, maximum));
    }
    return value;
  }

  /** At most 40 printable ASCII characters of {@code text}, so a message never echoes control bytes. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().limit(40).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return text.length() > 40 ? out + "..." : out.toString();
  }
}
