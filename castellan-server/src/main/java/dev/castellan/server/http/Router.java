package dev.castellan.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dispatches on the exact path, checks who is asking ({@link RequestPolicy}), reads the body
 * within the route's limit, and is the one place where failures become HTTP responses: an
 * {@link HttpError} keeps its status and message; anything else is a 500 with fixed text,
 * so no internal detail reaches a client. Every response, errors included and those the
 * front produces for malformed requests ({@link #direct}), gets a {@code Content-Digest}
 * and goes through the {@link ResponseSigner}. Independent of the server library: {@link
 * HttpService} adapts it.
 */
public final class Router {
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
  private final RequestPolicy policy;
  private final int maxHeaderCount;
  /** While booting, every request is a 503 (no key exists yet to sign with). */
  private final boolean booting;

  /** Loopback host names only, no origins, the default header count. */
  public Router(List<Route> routes, ResponseSigner signer, Observer observer) {
    this(routes, signer, observer, RequestPolicy.forBind("127.0.0.1"), HttpLimits.DEFAULTS.maxHeaderCount());
  }

  public Router(List<Route> routes, ResponseSigner signer, Observer observer, RequestPolicy policy, int maxHeaderCount) {
    this(routes, signer, observer, policy, maxHeaderCount, false);
  }

  /** Answers every request with 503 {@code unavailable}: the port is bound, the service is not ready. */
  public static Router booting() {
    return new Router(List.of(), ResponseSigner.NONE, (route, status, nanos) -> {}, RequestPolicy.forBind("127.0.0.1"),
        HttpLimits.DEFAULTS.maxHeaderCount(), true);
  }

  private Router(List<Route> routes, ResponseSigner signer, Observer observer, RequestPolicy policy, int maxHeaderCount,
      boolean booting) {
    this.booting = booting;
    for (Route route : routes) {
      if (!route.prefix()) {
        this.routes.computeIfAbsent(route.path(), p -> new HashMap<>()).put(route.method(), route);
      }
    }
    this.prefixes = routes.stream().filter(Route::prefix)
        .sorted(java.util.Comparator.comparingInt((Route r) -> r.path().length()).reversed()).toList();
    this.signer = signer;
    this.observer = observer;
    this.policy = policy;
    this.maxHeaderCount = maxHeaderCount;
  }

  /** Handles one request; never throws. */
  public Reply handle(RawRequest raw) {
    long start = System.nanoTime();
    String routeName = "unmatched";
    Response response;
    boolean framingBroken = false;
    Map<String, String> extra = Map.of();
    Optional<String> nonce = Optional.empty();
    String method = raw.method().toUpperCase(Locale.ROOT);
    try {
      if (booting) {
        throw HttpError.unavailable("the oracle is booting; retry in a moment");
      }
      int fields = 0;
      for (List<String> values : raw.headers().values()) {
        fields += values.size();
      }
      if (fields > maxHeaderCount) {
        throw HttpError.headersTooLarge("more than " + maxHeaderCount + " header fields");
      }
      nonce = nonce(raw.headers());
      policy.check(raw.headers(), raw.localPort(), raw.tls());
      Map<String, Route> byMethod = routes.get(raw.rawPath());
      if (byMethod == null) {
        byMethod = underPrefix(raw.rawPath());
      }
      if (byMethod == null) {
        throw HttpError.notFound("no such endpoint");
      }
      Route route = byMethod.get(method);
      routeName = byMethod.values().iterator().next().path();
      if (route == null) {
        extra = Map.of("Allow", String.join(", ", new TreeSet<>(byMethod.keySet())));
        throw HttpError.methodNotAllowed(Sanitize.forMessage(method));
      }
      Request request = new Request(method, raw.rawPath(), Request.parseQuery(raw.rawQuery()), raw.headers(),
          readBody(raw.body(), route.maxBodyBytes()), raw.rawQuery(), raw.remoteAddress());
      response = route.handler().handle(request);
    } catch (MalformedBody e) {
      framingBroken = true;
      response = errorResponse(400, "bad_request", "malformed request body framing", 0);
    } catch (HttpError e) {
      response = errorResponse(e.status(), e.type(), e.getMessage(), e.retryAfterSeconds());
    } catch (Exception | StackOverflowError e) {
      // Fixed text for the client; the type (never the message, which may hold data) for the log.
      LOG.log(System.Logger.Level.WARNING, "request to {0} failed: {1}", routeName, e.getClass().getName());
      response = errorResponse(500, "internal", "internal error", 0);
    }
    if (!extra.isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>(response.headers());
      headers.putAll(extra);
      response = new Response(response.status(), response.contentType(), headers, response.body());
    }
    Reply reply = sign(method, raw.rawPath(), raw.rawQuery(), nonce, response);
    if (framingBroken) {
      reply = new Reply(reply.status(), reply.headers(), reply.body(), true);
    }
    observer.observe(routeName, reply.status(), System.nanoTime() - start);
    return reply;
  }

  /**
   * The signed JSON response for a request the front refused before routing (malformed
   * framing, oversized headers): {@code status} and {@code type} are fixed by the caller;
   * the request's method and path are signed only if they were parsed.
   */
  public Reply direct(int status, String type, String message, String method, String rawPath, String rawQuery) {
    Reply reply = sign(method, rawPath, rawQuery, Optional.empty(), errorResponse(status, type, message, 0));
    observer.observe("unmatched", status, 0);
    return reply;
  }

  private Reply sign(String method, String rawPath, String rawQuery, Optional<String> nonce, Response response) {
    return sign(method, rawPath, rawQuery, nonce, response, true);
  }

  private Reply sign(
      String method, String rawPath, String rawQuery, Optional<String> nonce, Response response, boolean mayFallBack) {
    byte[] bodySha256 = MessageSignature.sha256(response.body());
    String digest = MessageSignature.contentDigestOf(bodySha256);
    Map<String, String> authentication;
    try {
      authentication = signer.headers(new SignedExchange(method, rawPath, rawQuery, response.status(),
          response.contentType(), digest, nonce, response.body(), bodySha256));
    } catch (Exception e) {
      // Fail closed: an unsigned response would look authentic to nobody, but say why.
      LOG.log(System.Logger.Level.ERROR, "response signing failed: {0}", e.getClass().getName());
      response = errorResponse(500, "internal", "internal error", 0);
      digest = MessageSignature.contentDigest(response.body());
      authentication = Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", response.contentType());
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.putAll(response.headers());
    headers.put("Content-Digest", digest);
    headers.putAll(authentication);
    try {
      return new Reply(response.status(), headers, response.body(), false);
    } catch (IllegalArgumentException e) {
      // A header that could split the response is never sent; the fixed error is (once: if
      // even that is refused, the signer itself is broken).
      LOG.log(System.Logger.Level.ERROR, "response refused: {0}", e.getMessage());
      if (!mayFallBack) {
        throw e;
      }
      return sign(method, rawPath, rawQuery, nonce, errorResponse(500, "internal", "internal error", 0), false);
    }
  }

  /** The request's {@code Castellan-Nonce}, if it sent exactly one valid value. */
  private static Optional<String> nonce(Map<String, List<String>> headers) throws HttpError {
    List<String> values = headers.get("castellan-nonce");
    if (values == null) {
      return Optional.empty();
    }
    if (values.size() != 1 || !MessageSignature.validNonce(values.getFirst())) {
      throw HttpError.badRequest(MessageSignature.NONCE_HEADER + " must be one value of " + MessageSignature.MIN_NONCE
          + " to " + MessageSignature.MAX_NONCE + " characters of [A-Za-z0-9._~+/=-]");
    }
    return Optional.of(values.getFirst());
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

  /**
   * Reads at most {@code limit} bytes; one more means the body is too large. The server
   * library decodes the framing while we read, so a broken chunked encoding or a short
   * body surfaces here, as whatever exception the library picked: all of them are the
   * client's malformed framing (400), never an internal error.
   */
  private static byte[] readBody(InputStream body, int limit) throws HttpError, MalformedBody {
    try (InputStream in = body) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw HttpError.tooLarge(limit);
      }
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new MalformedBody();
    }
  }

  /** The body's framing (chunks, length) is broken: nothing more can be read from this connection. */
  private static final class MalformedBody extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedBody() {
      super(null, null, false, false);
    }
  }

  /** The JSON error body {"error": type, "message": text} every endpoint uses. */
  public static Response errorResponse(int status, String type, String message, long retryAfterSeconds) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", type);
    body.put("message", message);
    Map<String, String> headers = new LinkedHashMap<>();
    if (retryAfterSeconds > 0) {
      headers.put("Retry-After", Long.toString(retryAfterSeconds));
    }
    if (status == 401) {
      headers.put("WWW-Authenticate", "Bearer realm=\"castellan\"");
    }
    return new Response(status, Response.JSON, Map.copyOf(headers), JSON.writeValueAsBytes(body));
  }
}
