package dev.castellan.server.proxy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.HttpLimits;
import dev.castellan.server.http.HttpService;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.RequestPolicy;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.ResponseSigner;
import dev.castellan.server.http.Route;
import dev.castellan.server.http.Router;
import dev.castellan.server.oracle.ApplicationKeySlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The listener only the application reaches (nitriding's internal server): plain HTTP on a
 * loopback address, never the public port. Reaching it is the authorization, as in nitriding:
 * anything that runs inside the TEE can, nothing outside can. A browser page cannot drive it
 * either: the router refuses any request with an {@code Origin} and any {@code Host} but the
 * loopback names.
 *
 * <ul>
 *   <li>{@code POST /enclave/hash}: the body is the base64 (RFC 4648 §4, padded) of exactly 32
 *       bytes, the SHA-256 of the application's key; it becomes {@code appKeyHash} in every
 *       later attestation ({@link ApplicationKeySlot}). At most 128 bytes are read: 44
 *       characters of base64 and room for surrounding whitespace.
 *   <li>{@code GET /enclave/ready}: the application says it is ready; logged.
 * </ul>
 *
 * Answers are unsigned JSON: the application talks to its own supervisor over loopback.
 */
final class ApplicationListener implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ApplicationListener.class.getName());
  static final int MAX_HASH_BODY = 128;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpService http;
  private final ApplicationKeySlot slot;
  private final AtomicBoolean ready = new AtomicBoolean();

  private ApplicationListener(HttpService http, ApplicationKeySlot slot) {
    this.http = http;
    this.slot = slot;
  }

  /** Binds {@code host:port} (loopback, checked by {@link ProxyOptions}) and serves. */
  static ApplicationListener start(String host, int port, ApplicationKeySlot slot) throws IOException {
    HttpService http;
    try {
      http = HttpService.bind(host, port, null, null, HttpLimits.DEFAULTS);
    } catch (java.net.BindException e) {
      throw new java.net.BindException("the application listener's port " + port + " on " + host
          + " is already in use; choose another with --app-listen HOST:PORT");
    }
    ApplicationListener listener = new ApplicationListener(http, slot);
    http.serve(new Router(List.of(
        Route.post("/enclave/hash", MAX_HASH_BODY, listener::registerHash),
        Route.get("/enclave/ready", listener::markReady)),
        ResponseSigner.NONE, (route, status, nanos) -> {}, RequestPolicy.forBind(host),
        HttpLimits.DEFAULTS.maxHeaderCount()));
    return listener;
  }

  private Response registerHash(Request request) throws HttpError {
    String text = new String(request.body(), StandardCharsets.US_ASCII).strip();
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("the body must be the base64 of a 32-byte SHA-256 hash");
    }
    if (hash.length != 32) {
      throw HttpError.badRequest("the body must be the base64 of a 32-byte SHA-256 hash, got " + hash.length + " bytes");
    }
    var replaced = slot.register(hash);
    LOG.log(System.Logger.Level.INFO, "the application registered appKeyHash {0}{1}", Hex.encode(hash),
        replaced.map(old -> " (replacing " + Hex.encode(old) + ")").orElse(""));
    ObjectNode body = JSON.createObjectNode();
    body.put("appKeyHash", Hex.encode(hash));
    body.put("replaced", replaced.isPresent());
    return Response.json(200, JSON.writeValueAsBytes(body));
  }

  private Response markReady(Request request) {
    if (!ready.getAndSet(true)) {
      LOG.log(System.Logger.Level.INFO, "the application reports ready");
    }
    return Response.json(200, "{\"ready\":true}".getBytes(StandardCharsets.US_ASCII));
  }

  boolean ready() {
    return ready.get();
  }

  int port() {
    return http.port();
  }

  String baseUrl() {
    return http.baseUrl();
  }

  @Override
  public void close() {
    http.close();
  }
}
