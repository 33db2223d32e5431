package dev.castellan.cli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castellan.attestation.Platform;
import dev.castellan.attestation.composition.ServiceLeaf;
import dev.castellan.attestation.image.ImageHash;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedGpu;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.Cli;
import dev.castellan.cli.oracle.TamperingProxy;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.agent.AgentAttester;
import dev.castellan.server.agent.AgentDevices;
import dev.castellan.server.agent.AgentConfig;
import dev.castellan.server.agent.AgentService;
import dev.castellan.server.agent.GpuSource;
import dev.castellan.server.payload.PayloadService;
import java.net.URI;
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

/**
 * The agent, a payload service and {@code castellan verify-vm} on loopback, with the simulator
 * for SEV-SNP and for TDX: the honest VM verifies, and each tampering fails at its check.
 */
class VerifyVmEndToEndTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One simulator for the class: creating its vendor hierarchy (an RSA-4096 ARK among it) takes seconds. */
  @TempDir static Path shared;
  private static Path data;
  private static SimulatorHome home;

  @TempDir Path dir;
  private BootMeasurements measurements;
  private ImageHash image;
  private ImageHash serviceImage;
  private final List<AutoCloseable> running = new ArrayList<>();

  @org.junit.jupiter.api.BeforeAll
  static void simulator() throws Exception {
    data = shared.resolve("data");
    home = SimulatorHome.open(data, CLOCK, RANDOM);
  }

  @BeforeEach
  void setUp() throws Exception {
    Path artifact = Files.writeString(dir.resolve("vm-firmware.bin"), "the VM's launch image");
    measurements = BootMeasurements.of(artifact, "agent".getBytes(StandardCharsets.UTF_8));
    Path system = Files.createDirectories(dir.resolve("system").resolve("bin"));
    Files.writeString(system.resolve("init"), "#!/bin/sh\n");
    image = ImageHash.of(dir.resolve("system"));
    serviceImage = ImageHash.ofDigest(new byte[32]);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  @Test
  void anHonestSevSnpVmWithAGpuVerifies() throws Exception {
    PayloadService echo = payload("echo");
    String agent = agent(Platform.SEV_SNP, config(image, List.of(leaf("echo", echo))), simulatedGpu());
    Cli run = verifyVm(agent, echo, "--gpu-policy", gpuPolicy().toString());
    assertEquals(0, run.exitCode(), run::toString);
    for (String check : List.of("vm.nonce", "vm.report-data", "snp.signature", "snp.report-data", "policy.snp.measurement",
        "vm.image", "vm.gpu.digest", "gpu.nonce", "gpu.signature", "policy.gpu.measurement", "vm.smt", "vm.service.key",
        "vm.service.response")) {
      assertTrue(run.out().contains("PASS  " + check), () -> check + " did not pass: " + run);
    }
    assertTrue(run.out().startsWith("Verifying VM at " + agent + "/ (sev-snp) (simulated TEE)"), run::toString);
    assertTrue(run.out().contains("\nVERIFIED"), run::toString);
  }

  @Test
  void anHonestTdxVmWithoutAGpuVerifies() throws Exception {
    PayloadService echo = payload("echo");
    String agent = agent(Platform.TDX, config(image, List.of(leaf("echo", echo))), GpuSource.none());
    Cli run = verifyVm(agent, echo);
    assertEquals(0, run.exitCode(), run::toString);
    for (String check : List.of("vm.nonce", "tdx.quote.signature", "tdx.freshness", "policy.tdx.measurement", "vm.image", "vm.smt",
        "vm.service.response")) {
      assertTrue(run.out().contains("PASS  " + check), () -> check + " did not pass: " + run);
    }
    assertTrue(run.out().contains("SKIP  vm.gpu"), run::toString);
    assertTrue(run.out().contains("(tdx) (simulated TEE)"), run::toString);

    Cli json = verifyVm(agent, echo, "--json");
    assertEquals(0, json.exitCode(), json::toString);
    var report = new tools.jackson.databind.ObjectMapper().readTree(json.out());
    assertTrue(report.get("verified").asBoolean(), json::toString);
    assertEquals("tdx", report.get("platform").asString());
    assertTrue(report.get("simulated").asBoolean());
    assertEquals("skip", java.util.stream.StreamSupport.stream(report.get("checks").spliterator(), false)
        .filter(c -> c.get("name").asString().equals("vm.gpu")).findFirst().orElseThrow().get("status").asString());
  }

  @Test
  void aDifferentImageFailsTheImageCheck() throws Exception {
    PayloadService echo = payload("echo");
    String agent = agent(Platform.SEV_SNP, config(ImageHash.ofDigest(new byte[32]), List.of(leaf("echo", echo))),
        GpuSource.none());
    Cli run = verifyVm(agent, echo);
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("NOT VERIFIED: vm.image", run.verdict());
    assertTrue(run.out().contains("the VM runs image " + "00".repeat(32) + ", not the expected " + image.hex()), run::toString);
  }

  @Test
  void aServiceMissingFromTheTreeFailsTheTreeCheck() throws Exception {
    PayloadService echo = payload("echo");
    PayloadService other = payload("other");
    String agent = agent(Platform.TDX, config(image, List.of(leaf("other", other))), GpuSource.none());
    Cli run = verifyVm(agent, echo);
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("NOT VERIFIED: vm.smt", run.verdict());
    assertTrue(run.out().contains("service echo is not in the attested service tree (its non-membership proof verifies)"),
        run::toString);
  }

  @Test
  void aResponseSignedByAnotherKeyFailsTheResponseCheck() throws Exception {
    PayloadService echo = payload("echo");
    PayloadService impostor = payload("impostor");
    // The tree holds echo's key, but its URL leads to a service with another key.
    AgentConfig config = new AgentConfig(image, List.of(new AgentConfig.Service(
        new ServiceLeaf("echo", serviceImage.digest(), echo.publicKey()), Optional.of(URI.create(impostor.baseUrl())))),
        new AgentConfig.Gpu.None());
    String agent = agent(Platform.SEV_SNP, config, GpuSource.none());
    Cli run = verifyVm(agent, echo);
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("NOT VERIFIED: vm.service.response", run.verdict());
    assertTrue(run.out().contains("is not signed by the key in its leaf " + Hex.encode(echo.publicKey())), run::toString);
  }

  @Test
  void aGpuReportForAnotherNonceFailsTheGpuNonce() throws Exception {
    PayloadService echo = payload("echo");
    SimulatedGpu gpu = SimulatedGpu.open(home, CLOCK, RANDOM);
    byte[] other = new byte[32];
    RANDOM.nextBytes(other);
    String agent = agent(Platform.SEV_SNP, config(image, List.of(leaf("echo", echo))),
        nonce -> Optional.of(gpu.attest(other)));
    Cli run = verifyVm(agent, echo, "--gpu-policy", gpuPolicy().toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("NOT VERIFIED: gpu.nonce", run.verdict());
    // REPORT_DATA does commit to this GPU report: only its own nonce gives it away.
    assertTrue(run.out().contains("PASS  vm.gpu.digest"), run::toString);
  }

  @Test
  void aReplayedAttestationFailsTheNonceCheck() throws Exception {
    PayloadService echo = payload("echo");
    String agent = agent(Platform.SEV_SNP, config(image, List.of(leaf("echo", echo))), GpuSource.none());
    AtomicReference<byte[]> first = new AtomicReference<>();
    try (TamperingProxy proxy = new TamperingProxy(URI.create(agent), (path, body) -> {
      if (!path.startsWith("/attestation")) {
        return body;
      }
      first.compareAndSet(null, body);
      return first.get();
    })) {
      assertEquals(0, verifyVm(proxy.url(), echo).exitCode(), "the first answer is fresh");
      Cli replayed = verifyVm(proxy.url(), echo);
      assertEquals(1, replayed.exitCode(), replayed::toString);
      assertEquals("NOT VERIFIED: vm.nonce", replayed.verdict());
      assertTrue(replayed.out().contains("(a stale or replayed answer)"), replayed::toString);
    }
  }

  @Test
  void componentsRewrittenInTransitFailTheReportData() throws Exception {
    PayloadService echo = payload("echo");
    ImageHash actual = ImageHash.ofDigest(new byte[32]);
    String agent = agent(Platform.SEV_SNP, config(actual, List.of(leaf("echo", echo))), GpuSource.none());
    try (TamperingProxy proxy = new TamperingProxy(URI.create(agent), (path, body) -> path.startsWith("/attestation")
        ? new String(body, StandardCharsets.UTF_8).replace(actual.hex(), image.hex()).getBytes(StandardCharsets.UTF_8)
        : body)) {
      Cli run = verifyVm(proxy.url(), echo);
      assertEquals(1, run.exitCode(), run::toString);
      assertEquals("NOT VERIFIED: snp.report-data", run.verdict());
    }
  }

  @Test
  void anUnpinnedMeasurementIsNotVerified() throws Exception {
    PayloadService echo = payload("echo");
    String agent = agent(Platform.SEV_SNP, config(image, List.of(leaf("echo", echo))), GpuSource.none());
    Cli run = Cli.run("verify-vm", agent, "--insecure-tls", "--allow-simulated", "--data", data.toString(),
        "--expected-image", image.sri());
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("NOT VERIFIED: measurement not pinned", run.verdict());
    assertTrue(run.out().contains("--expected-measurement HEX"), run::toString);
  }

  @Test
  void simulatedEvidenceNeedsAllowSimulated() throws Exception {
    PayloadService echo = payload("echo");
    String agent = agent(Platform.SEV_SNP, config(image, List.of(leaf("echo", echo))), GpuSource.none());
    Cli run = Cli.run("verify-vm", agent, "--insecure-tls", "--expected-measurement",
        Hex.encode(measurements.artifactDigest()), "--expected-image", image.sri());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.verdict().startsWith("NOT VERIFIED: "), run::toString);
    assertTrue(!run.out().contains("\nVERIFIED"), run::toString);
  }

  @Test
  void usageMistakesAreUsageErrors() {
    Cli noKey = Cli.run("verify-vm", "https://127.0.0.1:1", "--expected-image", image.sri(), "--service", "echo");
    assertEquals(2, noKey.exitCode(), noKey::toString);
    assertTrue(noKey.err().contains("--service needs --service-key HEX"), noKey::toString);
    Cli badImage = Cli.run("verify-vm", "https://127.0.0.1:1", "--expected-image", "abc");
    assertEquals(2, badImage.exitCode(), badImage::toString);
    assertTrue(badImage.err().contains("image hash: expected 64 hex digits"), badImage::toString);
    Cli scheme = Cli.run("verify-vm", "ftp://127.0.0.1:1", "--expected-image", image.sri());
    assertEquals(2, scheme.exitCode(), scheme::toString);
  }

  @Test
  void anAgentWithoutConfigfsTsmSaysWhatIsMissing() throws Exception {
    Path config = Files.writeString(dir.resolve("agent.json"), "{\"imageHash\": \"" + image.hex() + "\"}");
    Cli run = Cli.run("agent", "--config", config.toString(), "--tee", "tsm", "--tsm-root",
        dir.resolve("no-configfs").toString(), "--port", "0");
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("configfs-tsm is not available: " + dir.resolve("no-configfs") + " does not exist"
        + " (needs a SEV-SNP or TDX guest, Linux 6.7+ and configfs mounted at /sys/kernel/config)"), run::toString);
    Cli data = Cli.run("agent", "--config", config.toString(), "--tee", "tsm", "--data", dir.toString());
    assertEquals(2, data.exitCode(), data::toString);
  }

  @Test
  void anAgentThatIsNotRunningIsNamed() {
    Cli run = Cli.run("verify-vm", "https://127.0.0.1:1", "--insecure-tls", "--any-measurement", "--expected-image",
        image.sri());
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("NOT VERIFIED: http.attestation", run.verdict());
    assertTrue(run.out().contains("connection refused"), run::toString);
  }

  private Cli verifyVm(String agent, PayloadService echo, String... extra) {
    List<String> args = new ArrayList<>(List.of("verify-vm", agent, "--insecure-tls", "--allow-simulated", "--data",
        data.toString(), "--expected-measurement", Hex.encode(measurements.artifactDigest()), "--expected-image",
        image.sri(), "--service", "echo", "--service-key", Hex.encode(echo.publicKey())));
    args.addAll(List.of(extra));
    return Cli.run(args);
  }

  private PayloadService payload(String name) throws Exception {
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(RANDOM);
    PayloadService service = PayloadService.start(server().withTls(false), name, key, CLOCK, RANDOM);
    running.add(service);
    return service;
  }

  private AgentConfig.Service leaf(String name, PayloadService service) {
    return new AgentConfig.Service(new ServiceLeaf(name, serviceImage.digest(), service.publicKey()),
        Optional.of(URI.create(service.baseUrl())));
  }

  private AgentConfig config(ImageHash system, List<AgentConfig.Service> services) {
    return new AgentConfig(system, services, new AgentConfig.Gpu.None());
  }

  private GpuSource simulatedGpu() throws Exception {
    SimulatedGpu gpu = SimulatedGpu.open(home, CLOCK, RANDOM);
    return nonce -> Optional.of(gpu.attest(nonce));
  }

  /** A GPU policy pinning two of the simulated GPU's measurement blocks. */
  private Path gpuPolicy() throws Exception {
    var blocks = SimulatedGpu.open(home, CLOCK, RANDOM).measurements();
    int firstIndex = blocks.firstKey();
    int lastIndex = blocks.lastKey();
    String json = "{\"acceptSimulated\": true, \"gpu\": {\"measurements\": {\"" + firstIndex + "\": [\""
        + Hex.encode(blocks.get(firstIndex)) + "\"], \"" + lastIndex + "\": [\"" + Hex.encode(blocks.get(lastIndex))
        + "\"]}}}";
    return Files.writeString(dir.resolve("gpu-policy.json"), json);
  }

  private String agent(Platform platform, AgentConfig config, GpuSource gpu) throws Exception {
    AgentAttester attester = AgentDevices.simulator(platform, home, measurements, CLOCK, RANDOM);
    AgentService service = AgentService.start(server(), attester, config, gpu, CLOCK, RANDOM);
    running.add(service);
    return service.baseUrl();
  }

  private ServerConfig server() {
    return ServerConfig.defaults().withDataDirectory(data).withPort(0);
  }
}
