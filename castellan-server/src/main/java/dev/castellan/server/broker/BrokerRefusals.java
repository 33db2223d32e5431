package dev.castellan.server.broker;

import dev.castellan.keys.broker.BrokerException;
import dev.castellan.server.http.Response;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one mapping of broker refusals to HTTP (docs/broker.md, "Errors"): the front's error
 * body {@code {"error", "message"}} plus {@code check}, the failed check's name.
 */
final class BrokerRefusals {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Messages are ours, but can carry evidence values in hex; bound them. */
  private static final int MAX_MESSAGE = 512;

  private BrokerRefusals() {}

  static Response of(BrokerException e) {
    int status = switch (e.kind()) {
      case BAD_INPUT -> 400;
      case FORBIDDEN, REFUSED -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT, UNAVAILABLE -> 409;
      case OVERLOADED -> 503;
    };
    String type = switch (e.kind()) {
      case BAD_INPUT -> "bad_request";
      case FORBIDDEN -> "not_admin";
      case REFUSED -> "refused";
      case NOT_FOUND -> "not_found";
      case CONFLICT -> "conflict";
      case UNAVAILABLE -> "key_unavailable";
      case OVERLOADED -> "overloaded";
    };
    String message = e.getMessage() == null ? "" : e.getMessage();
    ObjectNode body = JSON.createObjectNode();
    body.put("error", type);
    body.put("check", e.check());
    body.put("message", message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message);
    Map<String, String> headers = status == 503 ? Map.of("Retry-After", "1") : Map.of();
    return new Response(status, Response.JSON, headers, JSON.writeValueAsBytes(body));
  }
}
