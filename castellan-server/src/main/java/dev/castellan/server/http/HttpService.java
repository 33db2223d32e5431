package dev.castellan.server.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP front: Helidon's WebServer (HTTP/1.1, one virtual thread per connection) with
 * every limit of {@link HttpLimits} set, in front of our {@link Router}. Helidon parses and
 * bounds the framing; the router is still the one place that maps failures to responses,
 * and what Helidon refuses itself (a malformed request line, oversized headers, a bad
 * chunk) is answered through {@link Router#direct}, so it is signed JSON too. Why Helidon
 * and not the JDK's server: docs/design/oracle.md.
 */
public final class HttpService implements AutoCloseable {
  private final WebServer server;
  private final boolean tls;
  private final String host;
  private final AtomicReference<Router> router;

  private HttpService(WebServer server, boolean tls, String host, AtomicReference<Router> router) {
    this.server = server;
    this.tls = tls;
    this.host = host;
    this.router = router;
  }

  /** {@link HttpLimits#DEFAULTS}; {@code sslContext} null means plain HTTP. */
  public static HttpService start(String host, int port, SSLContext sslContext, Router router) throws IOException {
    return start(host, port, sslContext, null, router, HttpLimits.DEFAULTS);
  }

  /**
   * Binds and starts serving {@code router}. {@code sslParameters} (protocols, suites) apply
   * when {@code sslContext} is given; null keeps the context's defaults.
   */
  public static HttpService start(
      String host, int port, SSLContext sslContext, SSLParameters sslParameters, Router router, HttpLimits limits)
      throws IOException {
    HttpService service = bind(host, port, sslContext, sslParameters, limits);
    service.serve(router);
    return service;
  }

  /** From now on, requests go to {@code next} (the oracle binds first and serves once booted). */
  public void serve(Router next) {
    router.set(next);
  }

  /**
   * Binds the port and answers every request with 503 ({@link Router#booting()}) until
   * {@link #serve}; a port in use is a {@link BindException} naming it.
   */
  public static HttpService bind(
      String host, int port, SSLContext sslContext, SSLParameters sslParameters, HttpLimits limits) throws IOException {
    QuietHelidonLogging.apply();
    AtomicReference<Router> router = new AtomicReference<>(Router.booting());
    AddressLimiter perAddress = new AddressLimiter(limits.maxConnectionsPerAddress());
    Http1Config http1 = Http1Config.builder()
        .maxPrologueLength(limits.maxRequestLineBytes())
        .maxHeadersSize(limits.maxHeaderBytes())
        .validatePath(true)
        .validateRequestHeaders(true)
        .validateResponseHeaders(false) // Reply validates ours, once, more cheaply: see headerName
        // RequestPolicy compares Host with an exact allowlist, which a malformed Host never
        // passes; Helidon's syntax check before it (a regular expression) would be redundant.
        .validateRequestHostHeader(false)
        // No per-request wire logging (it is off at our log levels anyway; this skips the check).
        .receiveLog(false)
        .sendLog(false)
        .build();
    var builder = WebServer.builder()
        .host(host)
        .port(port)
        .maxTcpConnections(limits.maxConnections())
        .idleConnectionTimeout(limits.idleTimeout())
        .idleConnectionPeriod(java.time.Duration.ofSeconds(1))
        .maxPayloadSize(limits.maxPayloadBytes())
        .shutdownGracePeriod(java.time.Duration.ofSeconds(1))
        // TCP_NODELAY: a response may be written in more than one segment; Nagle must not hold the
        // last one back for the client's delayed ACK.
        .connectionOptions(SocketOptions.builder().readTimeout(limits.readTimeout()).tcpNoDelay(true).build())
        // Our HTTP/1.1 selector only (no HTTP/2, no discovered protocols), wrapped with the per-address cap.
        .protocolsDiscoverServices(false)
        .addConnectionSelector(perAddress.selector(limits, http1))
        .directHandlers(directHandlers(router))
        .routing(r -> r.any((req, res) -> serve(router.get(), req, res)));
    if (sslContext != null) {
      var tlsBuilder = io.helidon.common.tls.TlsConfig.builder().sslContext(sslContext);
      if (sslParameters != null) {
        tlsBuilder.sslParameters(sslParameters);
      }
      builder.tls(tlsBuilder.build());
    }
    try {
      WebServer server = builder.build().start();
      if (!server.isRunning()) {
        // Helidon logs a failed bind and returns a stopped server: find out why with a plain bind.
        throw bindFailure(host, port);
      }
      return new HttpService(server, sslContext != null, host, router);
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException) {
          BindException busy = new BindException("port " + port + " on " + host + " is already in use");
          busy.initCause(e);
          throw busy;
        }
      }
      throw new IOException("cannot serve on " + host + ":" + port + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static IOException bindFailure(String host, int port) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.bind(new java.net.InetSocketAddress(host, port));
    } catch (BindException e) {
      String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in use")
          ? " is already in use" : " cannot be bound (" + e.getMessage() + ")";
      return new BindException("port " + port + " on " + host + reason);
    } catch (IOException e) {
      return new IOException("cannot serve on " + host + ":" + port + ": " + e.getMessage());
    }
    return new IOException("cannot serve on " + host + ":" + port + ": the server did not start");
  }

  private static void serve(Router router, ServerRequest req, ServerResponse res) {
    Map<String, List<String>> headers = new HashMap<>();
    req.headers().forEach(h -> headers.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
        .addAll(h.allValues()));
    String rawQuery = req.prologue().query().rawValue();
    RawRequest raw = new RawRequest(req.prologue().method().text(), req.prologue().uriPath().rawPath(),
        rawQuery == null ? "" : rawQuery, headers, req.content().inputStream(), req.localPeer().port(), req.isSecure(),
        remoteAddress(req));
    Reply reply = router.handle(raw);
    if (reply.framingBroken()) {
      // Helidon would otherwise try to drain the broken body after our reply and answer a second time.
      throw new io.helidon.http.BadRequestException("malformed request body framing");
    }
    send(reply, res);
  }

  /** The client's IP literal, or empty if the connection does not say. */
  private static String remoteAddress(ServerRequest req) {
    return req.remotePeer().address() instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : "";
  }

  private static void send(Reply reply, ServerResponse res) {
    res.status(Status.create(reply.status()));
    reply.headers().forEach((name, value) -> res.header(headerName(name), value));
    res.send(reply.body());
  }

  /**
   * Helidon's name for one of our response header names, made and validated once. The names
   * are constants of our code (never request data), so the map stays as small as that set;
   * Helidon's per-response header validation is off ({@code validateResponseHeaders}),
   * because {@link Reply} has already checked every name and value.
   */
  private static HeaderName headerName(String name) {
    HeaderName known = HEADER_NAMES.get(name);
    if (known != null) {
      return known;
    }
    HeaderName created = HeaderNames.create(name);
    if (HEADER_NAMES.size() < MAX_HEADER_NAMES) {
      HEADER_NAMES.putIfAbsent(name, created);
    }
    return created;
  }

  private static final int MAX_HEADER_NAMES = 64;

  private static final ConcurrentHashMap<String, HeaderName> HEADER_NAMES = new ConcurrentHashMap<>();

  /** What Helidon answers itself goes through the router's signer, as fixed JSON. */
  private static DirectHandlers directHandlers(AtomicReference<Router> router) {
    DirectHandler handler = (request, event, status, headers, message) -> {
      int code = status.code() == 505 ? 505 : status.code() >= 500 ? 400 : status.code();
      String type = switch (code) {
        case 413 -> "payload_too_large";
        case 431 -> "request_header_fields_too_large";
        case 505 -> "http_version_not_supported";
        default -> "bad_request";
      };
      String method = safe(request.method());
      String path = safe(request.path());
      Reply reply = router.get().direct(code, type, "malformed request", method, path, "");
      var response = DirectHandler.TransportResponse.builder().status(Status.create(code)).keepAlive(false);
      reply.headers().forEach((name, value) -> response.header(HeaderNames.create(name), value));
      return response.entity(reply.body()).build();
    };
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
      builder.addHandler(event, handler);
    }
    return builder.build();
  }

  /** Request fields Helidon could not fully parse are signed only if they are plain and short. */
  private static String safe(String value) {
    if (value == null || value.isEmpty() || value.length() > 256) {
      return "";
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) <= 0x20 || value.charAt(i) >= 0x7f) {
        return "";
      }
    }
    return value;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.port();
  }

  /** {@code https://host:port} or {@code http://host:port}. */
  public String baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return (tls ? "https" : "http") + "://" + h + ":" + port();
  }

  /** Stops accepting, gives in-flight requests up to a second, then stops. */
  @Override
  public void close() {
    server.stop();
  }
}
