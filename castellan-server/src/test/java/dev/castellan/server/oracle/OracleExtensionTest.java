package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.binding.UserData;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extensions: their routes are served and signed beside the oracle's, a clash fails the boot, and they are closed. */
class OracleExtensionTest {
  @TempDir Path data;
  private final SecureRandom random = new SecureRandom();
  private final OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());

  private Oracle boot(List<OracleExtension> extensions) throws Exception {
    Path image = Files.writeString(data.resolve("image.jar"), "image");
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(data, Clock.systemUTC(), random),
        ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false);
    return Oracle.boot(Oracle.bind(config, Clock.systemUTC(), random), new SimulatedNitroTee(device), Optional.empty(), info,
        Oracle.Access.OPEN, extensions, Clock.systemUTC(), random);
  }

  /** An extension that serves {@code route} and counts its closes. */
  private static final class Counting implements OracleExtension {
    final AtomicInteger closed = new AtomicInteger();
    final AtomicReference<OracleContext> context = new AtomicReference<>();
    private final Route route;

    Counting(Route route) {
      this.route = route;
    }

    @Override
    public List<Route> routes(OracleContext given) {
      context.set(given);
      return List.of(route);
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  void extensionRoute_isServedWithTheResponseSignatures_andClosedWithTheOracle() throws Exception {
    Counting extension = new Counting(Route.get("/ra/pcrs/", r -> Response.json(200, "{\"ok\":true}".getBytes())));
    Oracle oracle = boot(List.of(extension));
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/ra/pcrs/")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"ok\":true}");
      assertThat(response.headers().firstValue("Signature")).isPresent();
      assertThat(response.headers().firstValue(AttestationKeySigner.SIGNATURE_HEADER)).isPresent();
      UserData userData = UserData.decode(extension.context.get().userData());
      assertThat(userData.tlsKeyHash()).isEqualTo(oracle.tls().keyHash());
      assertThat(extension.context.get().log()).isSameAs(oracle.log());
    } finally {
      oracle.close();
    }
    assertThat(extension.closed).hasValue(1);
  }

  @Test
  void routeTheOracleAlreadyServes_failsTheBoot_andClosesTheExtension() throws Exception {
    Counting clash = new Counting(Route.get("/v1/info", r -> Response.json(200, "{}".getBytes())));
    assertThatThrownBy(() -> boot(List.of(clash)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an extension's route GET /v1/info is already served");
    assertThat(clash.closed).hasValue(1);
  }
}
