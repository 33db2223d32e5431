package dev.castellan.server.oracle;

import dev.castellan.server.auth.ServiceTokens;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A real oracle with capability tokens on a simulated Nitro device, over plain HTTP on
 * loopback, for the token document tests; and a client for its GET routes.
 */
final class TokenOracle implements AutoCloseable {
  /** The heartbeat so slow that only the revoked.txt watch (1 s) can sign a new list during a test. */
  static final ServiceTokens.Schedule WATCH_ONLY = new ServiceTokens.Schedule(Duration.ofHours(1), Duration.ofSeconds(1));
  /** Neither background duty runs during a test: lists are signed only when the test says so. */
  static final ServiceTokens.Schedule MANUAL = new ServiceTokens.Schedule(Duration.ofHours(1), Duration.ofHours(1));

  final Oracle oracle;
  private final HttpClient http = HttpClient.newHttpClient();

  private TokenOracle(Oracle oracle) {
    this.oracle = oracle;
  }

  static TokenOracle boot(Path data, ServerConfig config, Oracle.Access access, ServiceTokens.Schedule schedule)
      throws Exception {
    Path image = Files.writeString(data.resolve("image.jar"), "token documents test image");
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(data, Clock.systemUTC(), random),
        ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    ServerConfig plain = config.withDataDirectory(data).withPort(0).withTls(false);
    return new TokenOracle(Oracle.boot(Oracle.bind(plain, Clock.systemUTC(), random), new SimulatedNitroTee(device),
        Optional.empty(), info,
        access, schedule, Clock.systemUTC(), random));
  }

  static TokenOracle boot(Path data, ServiceTokens.Schedule schedule) throws Exception {
    return boot(data, ServerConfig.defaults(), Oracle.Access.TOKENS, schedule);
  }

  ServiceTokens tokens() {
    return oracle.tokens();
  }

  /** The version of the list the oracle publishes now. */
  long version() {
    return tokens().revocations().current().version();
  }

  HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(request(pathAndQuery, Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A GET that fails with a timeout if the oracle holds it longer than {@code timeout}. */
  HttpResponse<byte[]> get(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
    return http.send(request(pathAndQuery, timeout), HttpResponse.BodyHandlers.ofByteArray());
  }

  CompletableFuture<HttpResponse<byte[]>> getLater(String pathAndQuery, Duration timeout) {
    return http.sendAsync(request(pathAndQuery, timeout), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest request(String pathAndQuery, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(oracle.baseUrl() + pathAndQuery)).timeout(timeout).GET().build();
  }

  /** Waits (at most 10 s) until {@code count} long polls are held. */
  void awaitWaiters(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (tokens().revocations().waiting() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + count + " waiting long polls, have " + tokens().revocations().waiting());
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    oracle.close();
    http.close();
  }
}
