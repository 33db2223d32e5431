package dev.castellan.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete response: status, content type, extra headers and the exact body bytes. */
public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {
  public static final String JSON = "application/json";
  public static final String TEXT = "text/plain; charset=utf-8";

  public static Response json(int status, byte[] body) {
    return new Response(status, JSON, Map.of(), body);
  }

  public static Response text(int status, String body) {
    return new Response(status, TEXT, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  public static Response bytes(int status, String contentType, byte[] body) {
    return new Response(status, contentType, Map.of(), body);
  }
}
