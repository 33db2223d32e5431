package dev.castellan.server.proxy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the attesting reverse proxy runs. {@link #of(URI)} gives the secure defaults.
 *
 * <p>Memory: every proxied exchange is buffered (the router signs whole bodies), so at most
 * {@code maxConnections × (maxRequestBytes + maxResponseBytes)} is held at once: 512 × (1 MiB +
 * 4 MiB) = 2.5 GiB in the worst case with the front's default connection cap, far less in
 * practice; lower the bounds for a small enclave.
 *
 * @param upstream the application's base URL, {@code http://HOST:PORT} (it runs beside the
 *     proxy, inside the same TEE; TLS ends at the proxy)
 * @param unitFile the application's unit file, started and stopped with the oracle; empty: the
 *     application is started by someone else
 * @param appHost the loopback address of the application's listener ({@code POST /enclave/hash})
 * @param appPort its port; 0 picks a free one
 * @param maxRequestBytes the largest request body forwarded (GET and OPTIONS: none)
 * @param maxResponseBytes the largest upstream response body relayed; beyond it, 502
 * @param maxResponseHeaders the most upstream response header fields relayed; beyond it, 502
 * @param maxResponseHeaderBytes all upstream response header names and values together
 * @param connectTimeout how long connecting to the upstream may take
 * @param responseTimeout how long the upstream may take for its whole response, body included
 */
public record ProxyOptions(
    URI upstream,
    Optional<Path> unitFile,
    String appHost,
    int appPort,
    int maxRequestBytes,
    int maxResponseBytes,
    int maxResponseHeaders,
    int maxResponseHeaderBytes,
    Duration connectTimeout,
    Duration responseTimeout) {
  /** nitriding's internal port. */
  public static final int DEFAULT_APP_PORT = 8080;

  public ProxyOptions {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(unitFile, "unitFile");
    if (!"http".equals(upstream.getScheme()) || upstream.getHost() == null || upstream.getPort() < 1
        || upstream.getRawUserInfo() != null || upstream.getRawQuery() != null || upstream.getRawFragment() != null
        || !(upstream.getRawPath() == null || upstream.getRawPath().isEmpty() || upstream.getRawPath().equals("/"))) {
      throw new IllegalArgumentException("the upstream must be http://HOST:PORT (no path, query or user), got "
          + upstream);
    }
    if (!loopback(appHost)) {
      throw new IllegalArgumentException("the application listener must be on a loopback address (127.0.0.1, ::1),"
          + " never a public one: got " + appHost);
    }
    if (appPort < 0 || appPort > 65535) {
      throw new IllegalArgumentException("the application listener's port must be 0 to 65535");
    }
    if (maxRequestBytes < 0 || maxResponseBytes < 1 || maxResponseHeaders < 1 || maxResponseHeaderBytes < 256) {
      throw new IllegalArgumentException("the proxy's body and header bounds are too small");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || responseTimeout.isNegative()
        || responseTimeout.isZero()) {
      throw new IllegalArgumentException("the proxy's timeouts must be positive");
    }
  }

  /**
   * {@code upstream} with no unit, the application listener on 127.0.0.1:8080, 1 MiB requests,
   * 4 MiB responses with at most 64 header fields in 16 KiB, 5 s to connect and 30 s to answer.
   */
  public static ProxyOptions of(URI upstream) {
    return new ProxyOptions(upstream, Optional.empty(), "127.0.0.1", DEFAULT_APP_PORT, 1 << 20, 4 << 20, 64, 16 << 10,
        Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  public ProxyOptions withUnitFile(Path file) {
    return new ProxyOptions(upstream, Optional.of(file), appHost, appPort, maxRequestBytes, maxResponseBytes,
        maxResponseHeaders, maxResponseHeaderBytes, connectTimeout, responseTimeout);
  }

  public ProxyOptions withAppListener(String host, int port) {
    return new ProxyOptions(upstream, unitFile, host, port, maxRequestBytes, maxResponseBytes, maxResponseHeaders,
        maxResponseHeaderBytes, connectTimeout, responseTimeout);
  }

  public ProxyOptions withBodyLimits(int request, int response) {
    return new ProxyOptions(upstream, unitFile, appHost, appPort, request, response, maxResponseHeaders,
        maxResponseHeaderBytes, connectTimeout, responseTimeout);
  }

  public ProxyOptions withTimeouts(Duration connect, Duration response) {
    return new ProxyOptions(upstream, unitFile, appHost, appPort, maxRequestBytes, maxResponseBytes, maxResponseHeaders,
        maxResponseHeaderBytes, connect, response);
  }

  /** The upstream's base URL without a trailing slash. */
  String upstreamBase() {
    return "http://" + upstream.getRawAuthority();
  }

  /** A literal loopback address or {@code localhost}; never resolved through DNS. */
  private static boolean loopback(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (literal.toLowerCase(Locale.ROOT).equals("localhost")) {
      return true;
    }
    if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
