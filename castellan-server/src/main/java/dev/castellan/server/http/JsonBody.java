package dev.castellan.server.http;

import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON request body strictly: {@code Content-Type: application/json} (415
 * otherwise; a form post from a web page is {@code text/plain} or {@code
 * application/x-www-form-urlencoded}), one value and nothing after it, and no object with a
 * key given twice (two parsers that pick different duplicates disagree about what was
 * signed).
 */
public final class JsonBody {
  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonBody() {}

  /** The parsed body of {@code request}; throws a 415 or 400 {@link HttpError}. */
  public static JsonNode read(Request request) throws HttpError {
    requireJson(request);
    try {
      JsonNode root = STRICT.readTree(request.body());
      if (root == null || root.isMissingNode()) {
        throw HttpError.badRequest("request body is empty");
      }
      return root;
    } catch (JacksonException e) {
      throw HttpError.badRequest(e.getMessage() != null && e.getMessage().startsWith("Duplicate")
          ? "request body has a duplicate JSON key" : "request body is not valid JSON");
    }
  }

  /** {@code application/json}, optionally with {@code ; charset=utf-8}, and nothing else. */
  public static void requireJson(Request request) throws HttpError {
    String type = request.header("content-type").orElse("");
    String[] parts = type.split(";", -1);
    boolean json = parts[0].trim().toLowerCase(Locale.ROOT).equals(Response.JSON);
    for (int i = 1; json && i < parts.length; i++) {
      json = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "").equals("charset=utf-8");
    }
    if (!json || request.headers().getOrDefault("content-type", java.util.List.of()).size() != 1) {
      throw HttpError.unsupportedMediaType(Response.JSON);
    }
  }
}
