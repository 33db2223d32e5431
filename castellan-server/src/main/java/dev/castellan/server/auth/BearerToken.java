package dev.castellan.server.auth;

import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import java.util.Base64;
import java.util.List;

/**
 * The bearer credential of a request (RFC 6750 §2.1): exactly one {@code Authorization:
 * Bearer <token>} header whose token is unpadded base64url (the COSE_Sign1 bytes of a
 * capability token), at most {@value #MAX_CHARS} characters. Anything else is a 401 that
 * says what was wrong, and never echoes the header.
 */
public final class BearerToken {
  public static final int MAX_CHARS = 8192;

  private BearerToken() {}

  /** The decoded token bytes. */
  public static byte[] from(Request request) throws HttpError {
    List<String> values = request.headers().getOrDefault("authorization", List.of());
    if (values.isEmpty()) {
      throw HttpError.unauthorized("this endpoint needs 'Authorization: Bearer <capability token>'");
    }
    if (values.size() != 1) {
      throw HttpError.unauthorized("send exactly one Authorization header");
    }
    String value = values.getFirst();
    if (value.length() > MAX_CHARS + 7) {
      throw HttpError.unauthorized("the bearer token is longer than " + MAX_CHARS + " characters");
    }
    if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw HttpError.unauthorized("the Authorization scheme must be Bearer");
    }
    String token = value.substring(7).strip();
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!url) {
        throw HttpError.unauthorized("the bearer token must be unpadded base64url");
      }
    }
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(token);
      if (bytes.length == 0) {
        throw HttpError.unauthorized("the bearer token is empty");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw HttpError.unauthorized("the bearer token must be unpadded base64url");
    }
  }
}
