package dev.castellan.server.http;

import java.time.Duration;

/**
 * The limits of the HTTP front, enforced before a route sees a request. Every value bounds a
 * resource a client could otherwise hold: a thread and a descriptor (timeouts, connection
 * caps), or memory (header and body sizes).
 *
 * @param readTimeout longest wait for the next bytes while reading a TLS handshake, the request
 *     line and headers, or the body; a silent client is disconnected after it
 * @param idleTimeout how long a keep-alive connection may sit between requests
 * @param maxConnections connections open at once, all clients together; beyond it new ones
 *     are closed at accept
 * @param maxConnectionsPerAddress connections open at once from one client IP address
 * @param maxRequestLineBytes the request line (method, target, version)
 * @param maxHeaderBytes all header lines together
 * @param maxHeaderCount header fields in one request
 * @param maxPayloadBytes the largest body any route accepts (each route has its own, smaller)
 */
public record HttpLimits(
    Duration readTimeout,
    Duration idleTimeout,
    int maxConnections,
    int maxConnectionsPerAddress,
    int maxRequestLineBytes,
    int maxHeaderBytes,
    int maxHeaderCount,
    long maxPayloadBytes) {
  /**
   * 10 s read, 30 s idle, 512 connections (64 per address), 4 KiB request line, 8 KiB of
   * headers in at most 64 fields, 16 MiB body ceiling (routes have their own, smaller limits).
   */
  public static final HttpLimits DEFAULTS =
      new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 512, 64, 4096, 8192, 64, 16L << 20);

  public HttpLimits {
    positive("read timeout", readTimeout);
    positive("idle timeout", idleTimeout);
    if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
      throw new IllegalArgumentException("connection limits must satisfy 1 <= per-address <= total");
    }
    if (maxRequestLineBytes < 64 || maxHeaderBytes < 256 || maxHeaderCount < 8 || maxPayloadBytes < 1) {
      throw new IllegalArgumentException("header and body limits are too small to serve any request");
    }
  }

  private static void positive(String what, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }
}
