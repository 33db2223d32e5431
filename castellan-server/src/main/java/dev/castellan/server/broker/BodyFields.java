package dev.castellan.server.broker;

import dev.castellan.server.http.HttpError;
import java.util.Base64;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Strict readers of the broker's JSON request members: known names only, typed, bounded. */
final class BodyFields {
  private BodyFields() {}

  static void allowOnly(JsonNode body, String... names) throws HttpError {
    if (!body.isObject()) {
      throw HttpError.badRequest("the request body must be a JSON object");
    }
    Set<String> allowed = Set.of(names);
    for (String name : body.propertyNames()) {
      if (!allowed.contains(name)) {
        throw HttpError.badRequest("unknown member in the request body; allowed: " + String.join(", ", names));
      }
    }
  }

  static String text(JsonNode body, String name, int maxLength) throws HttpError {
    JsonNode v = body.get(name);
    if (v == null || !v.isString() || v.asString().isEmpty() || v.asString().length() > maxLength) {
      throw HttpError.badRequest("'" + name + "' must be a string of 1 to " + maxLength + " characters");
    }
    return v.asString();
  }

  /** Standard base64 (RFC 4648 §4, padded) of at most {@code maxBytes} bytes. */
  static byte[] base64(JsonNode body, String name, int maxBytes) throws HttpError {
    String text = text(body, name, 4 * ((maxBytes + 2) / 3));
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("'" + name + "' must be base64");
    }
  }
}
