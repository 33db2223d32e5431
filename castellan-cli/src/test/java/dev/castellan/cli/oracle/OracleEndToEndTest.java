package dev.castellan.cli.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.CastellanCommand;
import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.UnsealException;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The oracle end to end over real HTTPS on loopback: a {@code castellan up}-equivalent server
 * on the simulator, checked by {@code castellan verify}; then each tampering a man in the
 * middle could try makes verification fail, naming the check.
 */
class OracleEndToEndTest {
  private static final OracleInfo INFO = new OracleInfo("test", Optional.empty(), Optional.empty());

  @TempDir static Path data;
  private Path image;
  private Oracle oracle;
  private SimulatedNitroDevice device;
  private final List<AutoCloseable> closeLater = new ArrayList<>();

  @BeforeEach
  void boot() throws Exception {
    image = data.resolveSibling(data.getFileName() + "-image.jar");
    Files.writeString(image, "oracle image v1");
    oracle = bootOracle(image);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeLater) {
      c.close();
    }
    oracle.close();
    Files.deleteIfExists(image);
  }

  private Oracle bootOracle(Path artifact) throws Exception {
    SecureRandom random = new SecureRandom();
    SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
    device = SimulatedNitroDevice.boot(home, ApplicationMeasurement.of(List.of(artifact), INFO), Clock.systemUTC(), random);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0);
    return Oracle.boot(config, new SimulatedNitroTee(device), INFO, Clock.systemUTC(), random);
  }

  private record Run(int exitCode, String out, String err) {}

  private Run verify(String url) {
    return verify(url, Hex.encode(device.pcr(0)));
  }

  private Run verify(String url, String expectedPcr0) {
    List<String> args = List.of("verify", url, "--insecure-tls", "--allow-simulated",
        "--trust-root", data.resolve("simulator/nitro/root.crt").toString(), "--expected-pcr0", expectedPcr0);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CastellanCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private String throughProxy(TamperingProxy.Transform transform) throws Exception {
    TamperingProxy proxy = new TamperingProxy(URI.create(oracle.baseUrl()), transform);
    closeLater.add(proxy);
    return proxy.url();
  }

  private static void assertFailedAt(Run run, String check) {
    assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
    assertThat(run.out()).contains("NOT VERIFIED: " + check);
  }

  @Test
  void verify_honestOracle_passesEveryCheck() {
    Run run = verify(oracle.baseUrl());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("PASS  binding.signing-key")
        .contains("PASS  binding.attestation-key")
        .contains("PASS  response.signatures")
        .contains("PASS  binding.tls-key")
        .contains("PASS  policy.nitro.measurement")
        .contains("VERIFIED; signing key " + Hex.encode(oracle.signingPublicKey()));
  }

  @Test
  void verify_simulatedWithoutAllowSimulated_fails() {
    List<String> args = List.of("verify", oracle.baseUrl(), "--insecure-tls",
        "--trust-root", data.resolve("simulator/nitro/root.crt").toString(), "--expected-pcr0", Hex.encode(device.pcr(0)));
    StringWriter out = new StringWriter();
    CommandLine commandLine = CastellanCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute(args.toArray(String[]::new))).isEqualTo(1);
    assertThat(out.toString()).contains("FAIL  policy.simulated").contains("NOT VERIFIED: policy.simulated");
  }

  @Test
  void verify_wrongExpectedPcr0_failsAtMeasurement() {
    Run run = verify(oracle.baseUrl(), "00".repeat(48));
    assertFailedAt(run, "policy.nitro.measurement");
  }

  @Test
  void verify_changedResponseBody_failsAtResponseSignatures() throws Exception {
    String url = throughProxy((path, body) -> path.startsWith("/v1/info")
        ? (new String(body, StandardCharsets.UTF_8).replace("\"version\"", " \"version\"")).getBytes(StandardCharsets.UTF_8)
        : body);
    assertFailedAt(verify(url), "response.signatures");
  }

  @Test
  void verify_replayedAttestation_failsFreshness() throws Exception {
    byte[] old = fetch("/enclave/attestation?nonce=" + "ab".repeat(32));
    Run run = verify(throughProxy((path, body) -> path.startsWith("/enclave/attestation") ? old : body));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("FAIL  attestation\\.\\S+\\s+.*nonce");
  }

  @Test
  void verify_signingKeyNotBoundInPcr16_failsAtSigningKeyBinding() throws Exception {
    String otherKey = "02" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    String url = throughProxy((path, body) -> path.startsWith("/v1/info")
        ? new String(body, StandardCharsets.UTF_8).replaceAll("\"publicKey\":\"[0-9a-f]+\"", "\"publicKey\":\"" + otherKey + "\"")
            .getBytes(StandardCharsets.UTF_8)
        : body);
    assertFailedAt(verify(url), "binding.signing-key");
  }

  @Test
  void verify_attestationKeyNotMatchingAppKeyHash_failsAtAttestationKeyBinding() throws Exception {
    String otherKey = "02" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    String url = throughProxy((path, body) -> path.startsWith("/v1/enclave-info")
        ? new String(body, StandardCharsets.UTF_8)
            .replaceAll("\"attestationPublicKey\":\"[0-9a-f]+\"", "\"attestationPublicKey\":\"" + otherKey + "\"")
            .getBytes(StandardCharsets.UTF_8)
        : body);
    assertFailedAt(verify(url), "binding.attestation-key");
  }

  @Test
  void verify_transparentTlsInterception_failsAtTlsKeyBinding() throws Exception {
    assertFailedAt(verify(throughProxy((path, body) -> body)), "binding.tls-key");
  }

  @Test
  void restart_sameImage_servesTheSameSigningKey() throws Exception {
    byte[] first = oracle.signingPublicKey();
    oracle.close();
    oracle = bootOracle(image);
    assertThat(oracle.signingPublicKey()).isEqualTo(first);
    assertThat(verify(oracle.baseUrl()).exitCode()).isZero();
  }

  @Test
  void restart_changedImage_cannotUnsealTheKey() throws Exception {
    oracle.close();
    Path changed = data.resolveSibling(data.getFileName() + "-image-v2.jar");
    Files.writeString(changed, "oracle image v2");
    closeLater.add(() -> Files.deleteIfExists(changed));
    AtomicReference<Oracle> booted = new AtomicReference<>();
    assertThatThrownBy(() -> booted.set(bootOracle(changed)))
        .isInstanceOf(UnsealException.class)
        .hasMessageContaining("different measurement");
    oracle = bootOracle(image); // so @AfterEach has something to close
  }

  private byte[] fetch(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(TamperingProxy.trustAll()).build();
    return client.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
  }
}
