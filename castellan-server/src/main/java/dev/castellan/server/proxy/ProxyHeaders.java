package dev.castellan.server.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which headers cross the proxy, as pure functions. Hop-by-hop fields (RFC 9110 §7.6.1: {@code
 * Connection} and every field it names, {@code Keep-Alive}, {@code Proxy-*}, {@code TE}, {@code
 * Trailer}, {@code Transfer-Encoding}, {@code Upgrade}) never do. Towards the upstream the
 * client's {@code Forwarded}/{@code X-Forwarded-*} are replaced by the proxy's own, since only
 * the proxy knows who connected. Back to the client, the fields the router owns (content type
 * and length, {@code Content-Digest}, the signatures) and the front's ({@code Date}, {@code
 * Server}) are the proxy's, not the upstream's.
 */
final class ProxyHeaders {
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
  /** Set by the HTTP client from the URI and body, or by this proxy. */
  private static final Set<String> REQUEST_OWNED = Set.of("host", "content-length", "expect", "forwarded",
      "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "http2-settings");
  private static final Set<String> RESPONSE_OWNED = Set.of("content-type", "content-length", "content-digest",
      "signature", "signature-input", "x-attestation-signature", "x-attestation-pubkey", "date", "server");

  private ProxyHeaders() {}

  /**
   * The headers to send upstream for a request with {@code headers} (lower-case names) from
   * {@code remoteAddress}, received over TLS or not, as name/value pairs in order.
   */
  static List<Map.Entry<String, String>> toUpstream(Map<String, List<String>> headers, String remoteAddress, boolean tls) {
    Set<String> dropped = connectionNamed(headers);
    List<Map.Entry<String, String>> out = new ArrayList<>();
    headers.forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name) && !REQUEST_OWNED.contains(name) && !dropped.contains(name)) {
        values.forEach(value -> out.add(Map.entry(name, value)));
      }
    });
    if (!remoteAddress.isEmpty()) {
      out.add(Map.entry("x-forwarded-for", remoteAddress));
    }
    out.add(Map.entry("x-forwarded-proto", tls ? "https" : "http"));
    List<String> host = headers.get("host");
    if (host != null && host.size() == 1) {
      out.add(Map.entry("x-forwarded-host", host.getFirst()));
    }
    return out;
  }

  /**
   * The upstream's response headers to relay, one value per name ({@link
   * dev.castellan.server.http.Response} holds one): repeated fields are joined with {@code ", "}
   * (RFC 9110 §5.3), except {@code Set-Cookie}, whose values are not a list: only the first is
   * kept (docs/proxy.md).
   *
   * @throws IllegalArgumentException naming the problem if a name or value cannot be relayed
   *     as a valid field, or the bounds are exceeded
   */
  static Map<String, String> toClient(Map<String, List<String>> headers, int maxFields, int maxBytes) {
    Set<String> dropped = connectionNamed(headers);
    Map<String, String> out = new LinkedHashMap<>();
    int fields = 0;
    int bytes = 0;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      fields += header.getValue().size();
      for (String value : header.getValue()) {
        bytes += name.length() + value.length();
      }
      if (fields > maxFields || bytes > maxBytes) {
        throw new IllegalArgumentException("more than " + maxFields + " header fields or " + maxBytes + " bytes");
      }
      if (name.startsWith(":") || HOP_BY_HOP.contains(name) || RESPONSE_OWNED.contains(name) || dropped.contains(name)
          || header.getValue().isEmpty()) {
        continue;
      }
      List<String> values = name.equals("set-cookie") ? header.getValue().subList(0, 1) : header.getValue();
      String joined = String.join(", ", values);
      if (!token(name) || !fieldValue(joined)) {
        throw new IllegalArgumentException("a header that is not a valid HTTP field");
      }
      out.put(name, joined);
    }
    return out;
  }

  /** The upstream's content type, if it sent exactly one valid one. */
  static Optional<String> contentType(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("content-type") && header.getValue().size() == 1
          && fieldValue(header.getValue().getFirst()) && !header.getValue().getFirst().isBlank()) {
        return Optional.of(header.getValue().getFirst().trim());
      }
    }
    return Optional.empty();
  }

  /** The field names listed in {@code Connection}, lower-case. */
  private static Set<String> connectionNamed(Map<String, List<String>> headers) {
    Set<String> named = new HashSet<>();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("connection")) {
        for (String value : header.getValue()) {
          for (String option : value.split(",")) {
            named.add(option.trim().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return named;
  }

  private static boolean token(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean tchar = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }

  private static boolean fieldValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
