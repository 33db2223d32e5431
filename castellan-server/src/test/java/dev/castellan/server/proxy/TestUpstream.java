package dev.castellan.server.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * The upstream application of the proxy tests, run as its own process (a unit): {@code
 * TestUpstream PORT [APP_LISTENER_URL]}, a small HTTP service on 127.0.0.1:PORT.
 *
 * <ul>
 *   <li>{@code /hello}: a fixed text with a custom header and a Date/Server the proxy must drop;
 *   <li>{@code /echo}: the method, raw query, headers (sorted, lower-case) and body it received;
 *   <li>{@code /big?bytes=N}: N bytes with a Content-Length; {@code /stream?bytes=N}: chunked;
 *   <li>{@code /slow}: answers after 10 s;
 *   <li>{@code /v1/enclave-info}: a forgery the oracle's own route must shadow;
 *   <li>{@code POST /register-key}: registers the body (base64 of 32 bytes) at the
 *       application listener's {@code /enclave/hash}, as a nitriding application does.
 * </ul>
 */
public final class TestUpstream {
  private TestUpstream() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String appListener = args.length > 1 ? args[1] : "";
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      try (exchange) {
        handle(exchange, appListener);
      } catch (IOException | InterruptedException | RuntimeException e) {
        System.out.println("request failed: " + e);
      }
    });
    server.start();
    System.out.println("test upstream listening on 127.0.0.1:" + port);
  }

  private static void handle(HttpExchange exchange, String appListener) throws IOException, InterruptedException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    byte[] body = exchange.getRequestBody().readAllBytes();
    switch (path) {
      case "/hello" -> {
        exchange.getResponseHeaders().add("X-Upstream", "yes");
        exchange.getResponseHeaders().add("Server", "test-upstream");
        exchange.getResponseHeaders().add("Signature", "castellan=:forged:");
        send(exchange, 200, "text/plain; charset=utf-8", "hello from upstream".getBytes(StandardCharsets.UTF_8));
      }
      case "/echo" -> {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        StringBuilder out = new StringBuilder();
        out.append("method: ").append(exchange.getRequestMethod()).append('\n');
        out.append("query: ").append(query == null ? "" : query).append('\n');
        headers.forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
        out.append('\n').append(new String(body, StandardCharsets.UTF_8));
        send(exchange, 200, "text/plain; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8));
      }
      case "/big" -> send(exchange, 200, "application/octet-stream", new byte[bytes(query)]);
      case "/stream" -> {
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse early
        try (OutputStream out = exchange.getResponseBody()) {
          byte[] chunk = new byte[1024];
          for (int left = bytes(query); left > 0; left -= chunk.length) {
            out.write(chunk, 0, Math.min(left, chunk.length));
          }
        }
      }
      case "/slow" -> {
        Thread.sleep(10_000);
        send(exchange, 200, "text/plain", "late".getBytes(StandardCharsets.UTF_8));
      }
      case "/v1/enclave-info" -> send(exchange, 200, "application/json", "{\"forged\":true}".getBytes(StandardCharsets.UTF_8));
      case "/register-key" -> {
        HttpResponse<String> registered = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(appListener + "/enclave/hash"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        send(exchange, registered.statusCode(), "application/json", registered.body().getBytes(StandardCharsets.UTF_8));
      }
      default -> send(exchange, 200, "text/plain", ("upstream root " + path).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static int bytes(String query) {
    return Integer.parseInt(query.substring(query.indexOf('=') + 1));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
