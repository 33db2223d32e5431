package dev.castellan.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may address the server, checked before routing.
 *
 * <ul>
 *   <li>{@code Host} MUST name one of {@code hosts}, followed by {@code :port} of the listener
 *       (bare only when the port is the scheme's default). This defeats DNS rebinding: a page
 *       on {@code evil.example} that resolves to 127.0.0.1 still sends {@code Host:
 *       evil.example}.
 *   <li>A request carrying {@code Origin} is refused unless the origin is in {@code origins}
 *       (empty by default), so a web page cannot drive the oracle from a browser, even with
 *       a "simple" request that skips the CORS preflight.
 * </ul>
 *
 * @param hosts host names and IP literals (IPv6 in brackets), compared case-insensitively
 * @param origins exact serialised origins ({@code https://console.example:8443})
 */
public record RequestPolicy(Set<String> hosts, Set<String> origins) {
  /** The loopback names; the bind address is added by {@link #forBind}. */
  public static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  public RequestPolicy {
    hosts = lowerCase(hosts);
    origins = lowerCase(origins);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("at least one allowed host name is required");
    }
  }

  /** The loopback names and {@code bind} (bracketed if IPv6), no origins. */
  public static RequestPolicy forBind(String bind) {
    String literal = bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    java.util.Set<String> hosts = new java.util.HashSet<>(LOOPBACK_HOSTS);
    hosts.add(literal);
    return new RequestPolicy(hosts, Set.of());
  }

  /** Throws unless the headers pass; {@code port} is the listener's, {@code tls} picks the default. */
  void check(Map<String, List<String>> headers, int port, boolean tls) throws HttpError {
    List<String> host = headers.get("host");
    if (host == null || host.size() != 1 || !hostAllowed(host.getFirst().trim().toLowerCase(Locale.ROOT), port, tls)) {
      throw HttpError.misdirected();
    }
    List<String> origin = headers.get("origin");
    if (origin != null && (origin.size() != 1 || !origins.contains(origin.getFirst().trim().toLowerCase(Locale.ROOT)))) {
      throw HttpError.forbiddenOrigin();
    }
  }

  private boolean hostAllowed(String host, int port, boolean tls) {
    if (hosts.contains(host)) {
      return port == (tls ? 443 : 80);
    }
    int colon = host.lastIndexOf(':');
    return colon > 0
        && host.substring(colon + 1).equals(Integer.toString(port))
        && hosts.contains(host.substring(0, colon));
  }

  private static Set<String> lowerCase(Set<String> names) {
    return Set.copyOf(names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList());
  }
}
