package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.server.ServerConfig;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle binds its port before it creates or unseals anything. */
class OracleBindTest {
  @TempDir Path simulator;
  @TempDir Path data;

  @Test
  void busyPort_failsNamingThePort_beforeTheDataDirectoryIsTouched() throws Exception {
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    Path image = Files.writeString(simulator.resolve("image"), "image");
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(simulator, Clock.systemUTC(), random),
        ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(busy.getLocalPort()).withTls(false);
      assertThatThrownBy(() -> Oracle.boot(config, new SimulatedNitroTee(device), info, Clock.systemUTC(), random))
          .isInstanceOf(BindException.class)
          .hasMessage("port " + busy.getLocalPort() + " on 127.0.0.1 is already in use");
    }
    try (var entries = Files.list(data)) {
      assertThat(entries.toList()).isEmpty();
    }
  }

  @Test
  void boundButNotBooted_answers503() throws Exception {
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false);
    try (Oracle.Bound bound = Oracle.bind(config, Clock.systemUTC(), new SecureRandom())) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bound.port() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("\"error\":\"unavailable\"");
    }
    try (var entries = Files.list(data)) {
      assertThat(entries.toList()).isEmpty();
    }
  }
}
