package dev.castellan.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dispatches on the exact path (the JDK server matches prefixes), reads the body within the
 * route's limit, and is the one place where exceptions become HTTP responses: an
 * {@link HttpError} keeps its status and message; anything else is a 500 with fixed text,
 * so no internal detail reaches a client. Every response, errors included, goes through the
 * {@link ResponseSigner}.
 */
public final class Router implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(Router.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Observes each finished request, e.g. for metrics. */
  @FunctionalInterface
  public interface Observer {
    void observe(String route, int status, long nanos);
  }

  private final Map<String, Map<String, Route>> routes = new HashMap<>();
  /** Prefix routes, longest prefix first. */
  private final List<Route> prefixes;
  private final ResponseSigner signer;
  private final Observer observer;

  public Router(List<Route> routes, ResponseSigner signer, Observer observer) {
    for (Route route : routes) {
      if (!route.prefix()) {
        this.routes.computeIfAbsent(route.path(), p -> new HashMap<>()).put(route.method(), route);
      }
    }
    this.prefixes = routes.stream().filter(Route::prefix)
        .sorted(java.util.Comparator.comparingInt((Route r) -> r.path().length()).reversed()).toList();
    this.signer = signer;
    this.observer = observer;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String routeName = "unmatched";
    Response response;
    try (exchange) {
      try {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Map<String, Route> byMethod = routes.get(path);
        if (byMethod == null) {
          byMethod = underPrefix(path);
        }
        if (byMethod == null) {
          throw HttpError.notFound("no such endpoint");
        }
        Route route = byMethod.get(method);
        routeName = byMethod.values().iterator().next().path();
        if (route == null) {
          throw HttpError.methodNotAllowed(method);
        }
        Request request =
            new Request(
                method,
                path,
                Request.parseQuery(exchange.getRequestURI().getRawQuery()),
                lowerCaseHeaders(exchange),
                readBody(exchange, route.maxBodyBytes()));
        response = route.handler().handle(request);
      } catch (HttpError e) {
        response = errorResponse(e.status(), e.type(), e.getMessage(), e.retryAfterSeconds());
      } catch (Exception | StackOverflowError e) {
        // Fixed text for the client; the type (never the message, which may hold data) for the log.
        LOG.log(System.Logger.Level.WARNING, "request to {0} failed: {1}", routeName, e.getClass().getName());
        response = errorResponse(500, "internal", "internal error", 0);
      }
      send(exchange, response);
    } finally {
      observer.observe(routeName, lastStatus(exchange), System.nanoTime() - start);
    }
  }

  /** The routes of the longest prefix that {@code path} is strictly below, by method. */
  private Map<String, Route> underPrefix(String path) {
    Map<String, Route> byMethod = null;
    for (Route route : prefixes) {
      if (path.startsWith(route.path()) && path.length() > route.path().length()) {
        if (byMethod == null) {
          byMethod = new HashMap<>();
        } else if (!byMethod.values().iterator().next().path().equals(route.path())) {
          break;
        }
        byMethod.put(route.method(), route);
      }
    }
    return byMethod;
  }

  private static int lastStatus(HttpExchange exchange) {
    int code = exchange.getResponseCode();
    return code < 0 ? 500 : code;
  }

  private void send(HttpExchange exchange, Response response) throws IOException {
    Map<String, String> authentication;
    try {
      authentication = signer.headers(response.body());
    } catch (Exception e) {
      // Fail closed: an unsigned response would look authentic to nobody, but say why.
      LOG.log(System.Logger.Level.ERROR, "response signing failed: {0}", e.getClass().getName());
      response = errorResponse(500, "internal", "internal error", 0);
      authentication = Map.of();
    }
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    response.headers().forEach(headers::set);
    authentication.forEach(headers::set);
    byte[] body = response.body();
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.status(), body.length == 0 || head ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Reads at most {@code limit} bytes; one more means the body is too large. */
  private static byte[] readBody(HttpExchange exchange, int limit) throws IOException, HttpError {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw HttpError.tooLarge(limit);
      }
      return body;
    }
  }

  private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
    Map<String, List<String>> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    return headers;
  }

  /** The JSON error body {"error": type, "message": text} every endpoint uses. */
  public static Response errorResponse(int status, String type, String message, long retryAfterSeconds) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", type);
    body.put("message", message);
    Map<String, String> headers =
        retryAfterSeconds > 0 ? Map.of("Retry-After", Long.toString(retryAfterSeconds)) : Map.of();
    return new Response(status, Response.JSON, headers, JSON.writeValueAsBytes(body));
  }
}
