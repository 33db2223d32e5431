package dev.castellan.cli.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.Cli;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import dev.castellan.server.proxy.ProxyOptions;
import dev.castellan.server.proxy.ReverseProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code castellan verify} against the oracle in supervisor mode, in front of a nitriding-style
 * application started as a unit: it passes before the application registers its key hash and
 * after, and a nitriding client then finds that hash in appKeyHash. Also the flags of {@code up}.
 */
class ProxyVerifyTest {
  private static final OracleInfo INFO = new OracleInfo("test", Optional.empty(), Optional.empty());
  @TempDir static Path data;
  private static Oracle oracle;
  private static SimulatorHome home;
  private static String pcr0;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @BeforeAll
  static void boot() throws Exception {
    int appPort = freePort();
    int internalPort = freePort();
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path unit = Files.writeString(data.resolve("app.service"), "[Service]\nExecStart = \"" + java + " -cp "
        + System.getProperty("java.class.path") + " " + NitridingStyleApp.class.getName() + " " + appPort
        + " http://127.0.0.1:" + internalPort + "\"\n");
    Path image = Files.writeString(data.resolve("image.jar"), "oracle image for ProxyVerifyTest");
    SecureRandom random = new SecureRandom();
    home = SimulatorHome.open(data, Clock.systemUTC(), random);
    SimulatedNitroDevice device =
        SimulatedNitroDevice.boot(home, ApplicationMeasurement.of(List.of(image), INFO), Clock.systemUTC(), random);
    ReverseProxy proxy = new ReverseProxy(ProxyOptions.of(URI.create("http://127.0.0.1:" + appPort))
        .withUnitFile(unit).withAppListener("127.0.0.1", internalPort));
    oracle = Oracle.boot(Oracle.bind(ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false),
        Clock.systemUTC(), random), new SimulatedNitroTee(device), Optional.empty(), INFO, Oracle.Access.TOKENS,
        List.of(proxy), Clock.systemUTC(), random);
    pcr0 = Hex.encode(device.pcr(0));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (get("/").statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(new String(get("/").body(), StandardCharsets.UTF_8)).isEqualTo("an application behind the attesting proxy");
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Cli verify() {
    return Cli.run("verify", oracle.baseUrl(), "--allow-simulated", "--data", data.toString(), "--expected-pcr0", pcr0);
  }

  @Test
  void verify_passesBeforeAndAfterTheApplicationRegistersItsKey_andNitridingSeesTheHash() throws Exception {
    Cli before = verify();
    assertThat(before.exitCode()).as(before.toString()).isEqualTo(0);
    assertThat(before.out()).contains("SHA-256(attestation key) = appKeyHash");
    assertThat(before.verdict()).isEqualTo("VERIFIED");

    byte[] appKeyHash = HashAlgorithm.SHA_256.hash("the application's TLS key".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> registered = HTTP.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/register-key"))
        .POST(HttpRequest.BodyPublishers.ofString(Base64.getEncoder().encodeToString(appKeyHash))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(registered.statusCode()).as(new String(registered.body(), StandardCharsets.UTF_8)).isEqualTo(200);

    Cli after = verify();
    assertThat(after.exitCode()).as(after.toString()).isEqualTo(0);
    assertThat(after.verdict()).isEqualTo("VERIFIED");
    assertThat(after.out()).contains("SHA-256(attestation key) = attestationKeyHash; appKeyHash " + Hex.encode(appKeyHash)
        + " is the application's registered key");

    // What a nitriding client does: a 20-byte nonce, the document, appKeyHash at bytes 36..68 of the user data.
    byte[] nonce = new byte[20];
    new SecureRandom().nextBytes(nonce);
    HttpResponse<byte[]> attestation = get("/enclave/attestation?nonce=" + Hex.encode(nonce));
    byte[] document = Base64.getDecoder().decode(new ObjectMapper().readTree(attestation.body()).get("document").asString());
    var result = NitroVerifier.create(home.nitroTrustAnchors()).verify(Evidence.of(Platform.NITRO, document),
        VerificationRequest.at(Clock.systemUTC().instant(), Freshness.nonce(nonce)));
    byte[] userData = ((NitroClaims) result.claims()).userData().orElseThrow().toByteArray();
    assertThat(Arrays.copyOfRange(userData, 34, 36)).containsExactly(0x12, 0x20);
    assertThat(Arrays.copyOfRange(userData, 36, 68)).isEqualTo(appKeyHash);
  }

  @Test
  void verify_failsWithAnotherPin_evenInSupervisorMode() {
    Cli run = Cli.run("verify", oracle.baseUrl(), "--allow-simulated", "--data", data.toString(), "--expected-pcr0",
        "00".repeat(48));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.verdict()).startsWith("NOT VERIFIED");
  }

  @Test
  void upFlags_badCombinationsAreUsageErrors_beforeAnythingBoots() throws Exception {
    Path unit = Files.writeString(data.resolve("typo.service"), "[Service]\nExecStart = \"/bin/true\"\nRestrat = \"no\"\n");
    String[][] cases = {
      {"--upstream-unit", unit.toString()},
      {"--upstream", "https://127.0.0.1:7074"},
      {"--upstream", "http://127.0.0.1:7074", "--app-listen", "0.0.0.0:8080"},
      {"--upstream", "http://127.0.0.1:7074", "--app-listen", "8080"},
      {"--upstream", "http://127.0.0.1:7074", "--upstream-unit", unit.toString()},
    };
    String[] expected = {"--upstream-unit needs --upstream URL", "the upstream must be http://HOST:PORT",
        "must be on a loopback address", "--app-listen must be HOST:PORT", "line 3: unknown key Restrat"};
    Path untouched = data.resolve("never-created");
    for (int i = 0; i < cases.length; i++) {
      List<String> args = new java.util.ArrayList<>(List.of("up", "--data", untouched.toString(), "--port", "0"));
      args.addAll(List.of(cases[i]));
      Cli run = Cli.run(args);
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains(expected[i]);
    }
    assertThat(untouched).doesNotExist();
  }
}
