package dev.castellan.server.ra;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** An oracle on the simulator with the RA extension mounted, over plain HTTP on loopback, and a client for it. */
final class RaOracle implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final OracleInfo INFO = new OracleInfo("test", Optional.empty(), Optional.empty());

  final Oracle oracle;
  final SimulatedNitroDevice device;
  final SimulatorHome home;
  private final HttpClient client = HttpClient.newHttpClient();

  private RaOracle(Oracle oracle, SimulatedNitroDevice device, SimulatorHome home) {
    this.oracle = oracle;
    this.device = device;
    this.home = home;
  }

  /** Boots on {@code data} (the same image each time, so the sealed keys unseal again). */
  static RaOracle boot(Path data, RaOptions options, Oracle.Access access) throws Exception {
    SecureRandom random = new SecureRandom();
    Path image = data.resolve("image.jar");
    if (!Files.exists(image)) {
      Files.writeString(image, "image");
    }
    SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(home, ApplicationMeasurement.of(List.of(image), INFO),
        Clock.systemUTC(), random);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false);
    Oracle oracle = Oracle.boot(Oracle.bind(config, Clock.systemUTC(), random), new SimulatedNitroTee(device),
        Optional.empty(), INFO, access, List.of(new RaExtension(options, home.nitroTrustAnchors())), Clock.systemUTC(),
        random);
    return new RaOracle(oracle, device, home);
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String pathAndQuery) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  JsonNode getJson(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + pathAndQuery + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  HttpResponse<String> post(String path, Object body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(oracle.baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode postJson(String path, Object body) throws Exception {
    HttpResponse<String> response = post(path, body, null);
    if (response.statusCode() != 200) {
      throw new AssertionError("POST " + path + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Polls the status until the job is no longer running (at most 60 s); returns the final status. */
  JsonNode awaitGenerated() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = getJson("/ra/generate/status");
      if (!status.get("state").asString().equals("running")) {
        return status;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("generate still running after 60 s");
  }

  /** Generates {@code path} with {@code --no-auth} and waits for the job. */
  JsonNode generate(String path) throws Exception {
    HttpResponse<String> response = post("/ra/generate", java.util.Map.of("path", path), null);
    if (response.statusCode() != 202) {
      throw new AssertionError("generate: " + response.statusCode() + " " + response.body());
    }
    return awaitGenerated();
  }

  @Override
  public void close() {
    oracle.close();
  }
}
