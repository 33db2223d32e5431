package dev.castellan.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Slowloris after the handshake: 500 clients complete TLS and then send nothing, against a
 * front in a child JVM limited to 1024 descriptors ({@code ulimit -n 1024}, the common
 * default). {@code /healthz} must still answer within a second, and the front must drop the
 * silent connections once the read timeout passes (the JDK's server holds them forever).
 * The 500 come from ten loopback addresses, 50 each, so that the per-address cap (64) lets
 * them all in: the test is of the timeouts and the descriptor budget, and the second test
 * shows the cap on its own.
 */
class SlowClientTest {
  private static final int STALLED = 500;
  private static final int SOURCES = 10;
  /**
   * Long enough for 500 TLS handshakes on a loaded 2-core machine (33 s were seen during a
   * full build), so every silent connection is still open when /healthz is asked.
   */
  private static final int READ_TIMEOUT_SECONDS = 60;

  @Test
  void stalledTlsConnections_doNotStarveHealthz_andAreDroppedAfterTheReadTimeout() throws Exception {
    List<SSLSocket> stalled = new ArrayList<>();
    try (ChildFront server = ChildFront.start(1024, READ_TIMEOUT_SECONDS)) {
      int port = server.port;
      // Warm the client code up (class loading, JIT) so the timed request measures the server.
      assertThat(healthz(port).statusCode()).isEqualTo(200);
      var factory = TrustAll.context().getSocketFactory();
      long connecting = System.nanoTime();
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
        List<java.util.concurrent.Future<SSLSocket>> handshakes = new ArrayList<>();
        for (int i = 0; i < STALLED; i++) {
          int index = i;
          handshakes.add(pool.submit(() -> {
            SSLSocket socket = (SSLSocket) factory.createSocket(
                java.net.InetAddress.getByName("127.0.0.1"), port, source(index), 0);
            socket.startHandshake();
            return socket;
          }));
        }
        for (var handshake : handshakes) {
          stalled.add(handshake.get());
        }
      }
      // Meaningful only if all of them are open at once: every handshake within one read timeout.
      assertThat(Duration.ofNanos(System.nanoTime() - connecting)).isLessThan(Duration.ofSeconds(READ_TIMEOUT_SECONDS - 5));
      long started = System.nanoTime();
      HttpResponse<String> health = healthz(port);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(took).as("healthz latency with %d stalled connections", STALLED).isLessThan(Duration.ofSeconds(1));

      // After the read timeout the server has closed every silent connection: a read sees EOF.
      Thread.sleep(Duration.ofSeconds(READ_TIMEOUT_SECONDS + 3));
      int stillOpen = 0;
      for (SSLSocket socket : stalled) {
        socket.setSoTimeout(200);
        try {
          if (socket.getInputStream().read() >= 0) {
            stillOpen++;
          }
        } catch (SocketTimeoutException e) {
          stillOpen++;
        } catch (java.io.IOException e) {
          // closed by the server: what we want
        }
      }
      assertThat(stillOpen).as("silent connections the server still holds").isZero();
    } finally {
      for (SSLSocket socket : stalled) {
        socket.close();
      }
    }
  }

  /** Clients 127.0.0.2 to 127.0.0.11 (all of 127/8 is loopback on Linux): 50 each, under the per-address cap. */
  private static java.net.InetAddress source(int index) throws java.net.UnknownHostException {
    return java.net.InetAddress.getByName("127.0.0." + (2 + index % SOURCES));
  }

  @Test
  void oneAddress_isCappedAtItsShare_evenWhileSilent() throws Exception {
    List<SSLSocket> open = new ArrayList<>();
    try (ChildFront server = ChildFront.start(1024, READ_TIMEOUT_SECONDS)) {
      int port = server.port;
      var factory = TrustAll.context().getSocketFactory();
      int refused = 0;
      for (int i = 0; i < HttpLimits.DEFAULTS.maxConnectionsPerAddress() + 5; i++) {
        SSLSocket socket = (SSLSocket) factory.createSocket(
            java.net.InetAddress.getByName("127.0.0.1"), port, java.net.InetAddress.getByName("127.0.0.12"), 0);
        open.add(socket);
        try {
          socket.startHandshake();
        } catch (java.io.IOException e) {
          refused++;
        }
      }
      assertThat(refused).isEqualTo(5);
    } finally {
      for (SSLSocket socket : open) {
        socket.close();
      }
    }
  }

  /** {@code GET /healthz} on a new connection (a new client has no pooled one). */
  private static HttpResponse<String> healthz(int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(TrustAll.context()).connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
