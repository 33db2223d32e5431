package dev.castellan.server.http;

import java.util.Locale;

/**
 * A client-visible failure with a stable machine-readable type. The message is shown to the
 * client, so it MUST NOT contain secrets or unescaped attacker input; it is written for
 * people ("nonce must be 1 to 64 bytes of hex").
 */
public final class HttpError extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final long retryAfterSeconds;

  private HttpError(int status, String type, String message, long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.type = type;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static HttpError badRequest(String message) {
    return new HttpError(400, "bad_request", message, 0);
  }

  public static HttpError notFound(String message) {
    return new HttpError(404, "not_found", message, 0);
  }

  public static HttpError methodNotAllowed(String method) {
    return new HttpError(
        405, "method_not_allowed", "method " + method.toUpperCase(Locale.ROOT) + " is not allowed here", 0);
  }

  public static HttpError tooLarge(long limit) {
    return new HttpError(413, "payload_too_large", "request body exceeds " + limit + " bytes", 0);
  }

  public static HttpError unsupportedMediaType(String expected) {
    return new HttpError(415, "unsupported_media_type", "expected Content-Type " + expected, 0);
  }

  /** The {@code Host} header names no name this server answers to (DNS rebinding). */
  public static HttpError misdirected() {
    return new HttpError(421, "misdirected_request", "the Host header does not name this server", 0);
  }

  /** A browser page from another origin: the oracle is not for web pages to drive. */
  public static HttpError forbiddenOrigin() {
    return new HttpError(403, "forbidden_origin", "requests with this Origin are not allowed", 0);
  }

  /** No usable credentials: 401 with {@code WWW-Authenticate: Bearer} (RFC 6750 §3). */
  public static HttpError unauthorized(String message) {
    return new HttpError(401, "unauthorized", message, 0);
  }

  /** Valid credentials that do not grant this operation (RFC 6750 {@code insufficient_scope}). */
  public static HttpError insufficientScope(String message) {
    return new HttpError(403, "insufficient_scope", message, 0);
  }

  /** This credential's request budget is spent for now: 429 with {@code Retry-After}. */
  public static HttpError rateLimited(long retryAfterSeconds) {
    return new HttpError(429, "rate_limited", "too many requests with this token; retry later", retryAfterSeconds);
  }

  public static HttpError headersTooLarge(String what) {
    return new HttpError(431, "request_header_fields_too_large", what, 0);
  }

  /** Overload: maps to 503 with {@code Retry-After} (Tessera's pushback). */
  public static HttpError overloaded(long retryAfterSeconds) {
    return new HttpError(503, "overloaded", "the server is busy; retry later", retryAfterSeconds);
  }

  /**
   * The upstream behind a reverse proxy failed (down, too slow, too large, malformed): 502 with
   * a fixed message naming which, never the upstream's own words.
   */
  public static HttpError badGateway(String message) {
    return new HttpError(502, "bad_gateway", message, 0);
  }

  public static HttpError unavailable(String message) {
    return new HttpError(503, "unavailable", message, 0);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
