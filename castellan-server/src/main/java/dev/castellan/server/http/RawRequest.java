package dev.castellan.server.http;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A request as the front received it, before the router checks it: method, raw path and
 * query (not decoded; {@code rawQuery} empty when absent), headers with lower-case names,
 * the unread body, the listener's port and scheme (for the {@code Host} check), and the
 * client's IP address as a literal (empty when unknown; the attesting proxy's {@code
 * X-Forwarded-For}).
 */
public record RawRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    InputStream body,
    int localPort,
    boolean tls,
    String remoteAddress) {
  /** A request whose client address is unknown. */
  public RawRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, InputStream body,
      int localPort, boolean tls) {
    this(method, rawPath, rawQuery, headers, body, localPort, tls, "");
  }
}
