package dev.castellan.server.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the routes see it: the method, the path, decoded query parameters,
 * headers (lower-case names), a body already read and bounded by the router, the query as
 * received (not decoded, without {@code ?}; what a reverse proxy forwards) and the client's IP
 * address (empty when unknown).
 */
public record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
    byte[] body, String rawQuery, String remoteAddress) {

  /** A request without its raw query and client address (tests, and routes that need neither). */
  public Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers, byte[] body) {
    this(method, path, query, headers, body, "", "");
  }

  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /**
   * The query parameter {@code name} as exactly {@code length} bytes of hex.
   *
   * @throws HttpError 400 naming the parameter when it is missing, not hex or of another length
   */
  public byte[] hexParameter(String name, int length) throws HttpError {
    String what = "query parameter '" + name + "'";
    String shape = length + " bytes, " + 2 * length + " hex digits";
    String hex = queryParameter(name).orElseThrow(() -> HttpError.badRequest("missing " + what + " (" + shape + ")"));
    byte[] value;
    try {
      value = dev.castellan.core.bytes.Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(what + " must be hex (" + shape + ")");
    }
    if (value.length != length) {
      throw HttpError.badRequest(what + " must be " + shape + ", got " + value.length + " bytes");
    }
    return value;
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /**
   * Parses a query string strictly: each parameter at most once (a repeated parameter is an
   * ambiguity an attacker could exploit between layers), names and values percent-decoded.
   */
  static Map<String, String> parseQuery(String rawQuery) throws HttpError {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (query.putIfAbsent(name, value) != null) {
        throw HttpError.badRequest("query parameter '" + Sanitize.forMessage(name) + "' given more than once");
      }
    }
    return query;
  }

  private static String decode(String s) throws HttpError {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("malformed percent-encoding in the query string");
    }
  }
}
