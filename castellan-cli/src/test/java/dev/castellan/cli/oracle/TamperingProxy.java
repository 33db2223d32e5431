package dev.castellan.cli.oracle;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.castellan.server.oracle.TlsIdentity;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A man in the middle on loopback: terminates TLS with its own key, forwards each GET to the
 * oracle, and lets a test rewrite the response body before passing it (and the oracle's
 * authentication headers) on. With the identity transform it is a transparent MITM.
 */
public final class TamperingProxy implements AutoCloseable {
  /** Rewrites a response body; {@code path} includes the query. */
  @FunctionalInterface
  public interface Transform {
    byte[] apply(String path, byte[] body) throws Exception;
  }

  private final HttpsServer server;
  private final HttpClient client;

  public TamperingProxy(URI oracle, Transform transform) throws Exception {
    client = HttpClient.newBuilder().sslContext(trustAll()).build();
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setHttpsConfigurator(
        new HttpsConfigurator(TlsIdentity.generate(new SecureRandom(), Clock.systemUTC()).sslContext()));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().toString();
        HttpResponse<byte[]> upstream =
            client.send(nonce(exchange, HttpRequest.newBuilder(oracle.resolve(path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = transform.apply(path, upstream.body());
        upstream.headers().map().forEach((name, values) -> {
          String lower = name.toLowerCase(java.util.Locale.ROOT);
          if (lower.startsWith("x-attestation") || lower.equals("content-type") || lower.startsWith("signature")
              || lower.equals("content-digest")) {
            exchange.getResponseHeaders().put(name, values);
          }
        });
        exchange.sendResponseHeaders(upstream.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } catch (Exception e) {
        exchange.sendResponseHeaders(502, -1);
      }
    });
    server.start();
  }

  /** Passes the client's Castellan-Nonce on, so the oracle's RFC 9421 signature is for the client's request. */
  private static HttpRequest.Builder nonce(com.sun.net.httpserver.HttpExchange exchange, HttpRequest.Builder request) {
    String nonce = exchange.getRequestHeaders().getFirst("Castellan-Nonce");
    return nonce == null ? request : request.header("Castellan-Nonce", nonce);
  }

  /** A client TLS context that accepts any server certificate (tests only). */
  static SSLContext trustAll() throws java.security.GeneralSecurityException {
    return dev.castellan.client.UnverifiedTls.context();
  }

  public String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
