package dev.castellan.cli.tokens;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code HOST:PORT} as {@code --tcp} takes it: an IPv4 literal, {@code [IPv6]} or {@code localhost}, and a port 0..65535. */
public final class TcpAddress {
  private TcpAddress() {}

  /** @throws IllegalArgumentException naming what is wrong (never resolves a name other than localhost) */
  public static InetSocketAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("--tcp must be HOST:PORT, e.g. 127.0.0.1:7400");
    }
    String host = text.substring(0, colon);
    String portText = text.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535 || !portText.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("--tcp port must be 0..65535");
    }
    boolean literal = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.matches("\\[[0-9A-Fa-f:.]+\\]") || host.equals("localhost");
    if (!literal) {
      throw new IllegalArgumentException("--tcp host must be an IP address ([IPv6] in brackets) or localhost");
    }
    try {
      String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      return new InetSocketAddress(host.equals("localhost") ? InetAddress.getLoopbackAddress() : InetAddress.getByName(bare), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--tcp host is not a valid IP address");
    }
  }
}
