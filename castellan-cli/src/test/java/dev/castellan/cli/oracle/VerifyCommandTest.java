package dev.castellan.cli.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.CastellanCommand;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code castellan verify} cannot pass by omission: without a measurement pin it fails with
 * {@code NOT VERIFIED: measurement not pinned}; {@code --any-measurement} is the explicit,
 * labelled opt-out; {@code --data} names the simulator roots to trust; network failures name
 * the URL and what was expected.
 */
class VerifyCommandTest {
  private static final OracleInfo INFO = new OracleInfo("test", Optional.empty(), Optional.empty());

  @TempDir static Path data;
  @TempDir static Path other;
  private static Oracle oracle;
  private static String pcr0;

  @BeforeAll
  static void boot() throws Exception {
    Path image = data.resolve("image.jar");
    Files.writeString(image, "oracle image for VerifyCommandTest");
    SecureRandom random = new SecureRandom();
    SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
    SimulatedNitroDevice device =
        SimulatedNitroDevice.boot(home, ApplicationMeasurement.of(List.of(image), INFO), Clock.systemUTC(), random);
    oracle = Oracle.boot(ServerConfig.defaults().withDataDirectory(data).withPort(0), new SimulatedNitroTee(device), INFO,
        Clock.systemUTC(), random);
    pcr0 = Hex.encode(device.pcr(0));
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CastellanCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run verify(String... flags) {
    List<String> args = new ArrayList<>(List.of("verify", oracle.baseUrl(), "--insecure-tls", "--allow-simulated"));
    args.addAll(List.of(flags));
    return run(args.toArray(String[]::new));
  }

  @Test
  void verify_withoutPin_failsWithMeasurementNotPinned() {
    Run run = verify("--data", data.toString());
    assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("\nNOT VERIFIED: measurement not pinned\n")
        .contains("FAIL  policy.nitro.measurement")
        .doesNotContain("PASS  binding.signing-key");
  }

  @Test
  void verify_anyMeasurement_isVerifiedButUnpinned_inTextAndJson() throws Exception {
    Run text = verify("--data", data.toString(), "--any-measurement");
    assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
    assertThat(text.out()).containsPattern("  SKIP  policy\\.nitro\\.measurement +PCR0 not pinned")
        .contains("\nVERIFIED (UNPINNED: no reference value pins the measurement); signing key ");

    Run json = verify("--data", data.toString(), "--any-measurement", "--json");
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("verified").asBoolean()).isTrue();
    assertThat(root.get("unpinned").asBoolean()).isTrue();
    assertThat(root.has("firstFailure")).isFalse();
    Map<String, String> status = new HashMap<>();
    root.get("checks").forEach(c -> status.put(c.get("name").asString(), c.get("status").asString()));
    assertThat(status).containsEntry("policy.nitro.measurement", "skip").containsEntry("binding.tls-key", "pass");
  }

  @Test
  void verify_pinned_passes_andListsEachCheckOnce() throws Exception {
    Run json = verify("--data", data.toString(), "--expected-pcr0", pcr0, "--json");
    assertThat(json.exitCode()).as(json.out()).isZero();
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("verified").asBoolean()).isTrue();
    assertThat(root.get("unpinned").asBoolean()).isFalse();
    List<String> names = new ArrayList<>();
    root.get("checks").forEach(c -> names.add(c.get("name").asString()));
    assertThat(names).doesNotHaveDuplicates().contains("nitro.signature", "policy.nitro.measurement", "response.signatures");
  }

  @Test
  void verify_unpinnedJson_namesTheFirstFailure() throws Exception {
    Run json = verify("--data", data.toString(), "--json");
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(root.get("verified").asBoolean()).isFalse();
    assertThat(root.get("firstFailure").asString()).isEqualTo("policy.nitro.measurement");
  }

  @Test
  void verify_dataOfAnotherSimulator_failsAtTheChain() throws Exception {
    SimulatorHome.open(other, Clock.systemUTC(), new SecureRandom()).nitroTrustAnchors();
    Run run = verify("--data", other.toString(), "--expected-pcr0", pcr0);
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("NOT VERIFIED: attestation.evidence").contains("nitro.chain");
  }

  @Test
  void verify_dataWithoutSimulator_failsNamingIt() throws Exception {
    Path empty = Files.createDirectories(other.resolve("empty"));
    Run run = verify("--data", empty.toString(), "--expected-pcr0", pcr0);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no simulator in " + empty);
  }

  @Test
  void verify_deprecatedSimulatorDataAlias_stillTrustsTheRoots() {
    Run run = verify("--simulator-data", data.toString(), "--expected-pcr0", pcr0);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
  }

  @Test
  void verify_nothingListening_namesTheUrlAndSuggestsUp() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Run run = run("verify", "https://127.0.0.1:" + port, "--any-measurement");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("nothing is listening at https://127.0.0.1:" + port
        + "; is the oracle running? (./castellan up)");
  }

  @Test
  void verify_httpToTheTlsOracle_saysItDidNotAnswerHttp_withoutEchoingItsBytes() {
    String url = oracle.baseUrl().replace("https://", "http://");
    Run run = run("verify", url, "--any-measurement");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(url + " did not answer in HTTP (a TLS server answers so); is it an https:// endpoint?")
        .doesNotContain("receiving [");
  }

  @Test
  void verify_httpsToAPlainHttpServer_saysItAnsweredPlainHttp() throws Exception {
    HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    plain.createContext("/", exchange -> {
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    plain.start();
    try {
      String url = "https://127.0.0.1:" + plain.getAddress().getPort();
      Run run = run("verify", url, "--any-measurement");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).contains(url + " answered plain HTTP, expected TLS");
    } finally {
      plain.stop(0);
    }
  }
}
