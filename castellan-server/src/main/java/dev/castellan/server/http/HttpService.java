package dev.castellan.server.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HTTP server with one virtual thread per request: no third-party server code in
 * the trust base. Plain HTTP only when no {@link SSLContext} is given.
 */
public final class HttpService implements AutoCloseable {
  /** Backlog of pending connections; beyond it the kernel refuses, which is the pushback. */
  private static final int BACKLOG = 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean tls;

  private HttpService(HttpServer server, ExecutorService executor, boolean tls) {
    this.server = server;
    this.executor = executor;
    this.tls = tls;
  }

  /** Binds and starts serving {@code router}; {@code sslContext} null means plain HTTP. */
  public static HttpService start(String host, int port, SSLContext sslContext, Router router)
      throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    HttpServer server;
    if (sslContext == null) {
      server = HttpServer.create(address, BACKLOG);
    } else {
      HttpsServer https = HttpsServer.create(address, BACKLOG);
      https.setHttpsConfigurator(new HttpsConfigurator(sslContext));
      server = https;
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", router);
    server.start();
    return new HttpService(server, executor, sslContext != null);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code https://host:port} or {@code http://host:port}. */
  public String baseUrl() {
    String host = server.getAddress().getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (tls ? "https" : "http") + "://" + host + ":" + port();
  }

  /** Stops accepting, gives in-flight requests up to a second, then stops. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
