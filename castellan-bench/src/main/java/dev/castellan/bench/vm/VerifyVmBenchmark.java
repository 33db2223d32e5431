package dev.castellan.bench.vm;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.composition.ServiceLeaf;
import dev.castellan.attestation.gpu.GpuVerifier;
import dev.castellan.attestation.image.ImageHash;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedSnpAttester;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.client.ClientOptions;
import dev.castellan.client.VmClient;
import dev.castellan.client.VmOptions;
import dev.castellan.client.VmReport;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.agent.AgentAttester;
import dev.castellan.server.agent.AgentConfig;
import dev.castellan.server.agent.AgentDevices;
import dev.castellan.server.agent.AgentService;
import dev.castellan.server.agent.GpuSource;
import dev.castellan.server.payload.PayloadService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole {@code verify-vm} client path against the bare SEV-SNP verification of the same
 * run (issue 12), on the simulator and loopback:
 *
 * <ul>
 *   <li>{@code snpVerify}: the baseline, {@link SnpVerifier} (chain cached) on a fresh simulated
 *       report per invocation, made in per-invocation set-up, with its REPORT_DATA expected;
 *   <li>{@code verifyVm}: {@link VmClient#verify} against an agent and a payload service on
 *       loopback over plain HTTP: the attestation fetch (the agent's report signing included,
 *       as a real client waits for it), the same SEV-SNP verification and appraisal, the image,
 *       the SMT proof fetch and verification, and the service's signed echo;
 *   <li>{@code verifyVmTls}: the same over HTTPS, as {@code castellan verify-vm} runs by
 *       default: two TLS handshakes per verification (a fresh client each time).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VerifyVmBenchmark {
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private Path temp;
  private SimulatedSnpAttester snp;
  private SnpVerifier verifier;
  private CollateralSource vcek;
  private AgentService plainAgent;
  private AgentService tlsAgent;
  private PayloadService plainEcho;
  private PayloadService tlsEcho;
  private VmClient plainClient;
  private VmClient tlsClient;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    temp = Files.createTempDirectory("castellan-verify-vm-bench");
    SimulatorHome home = SimulatorHome.open(temp.resolve("data"), clock, random);
    BootMeasurements measurements = BootMeasurements.of(
        Files.writeString(temp.resolve("firmware.bin"), "bench"), "bench".getBytes(StandardCharsets.UTF_8));
    snp = SimulatedSnpAttester.create(home, measurements, random);
    verifier = SnpVerifier.create(home.snpTrustAnchors());
    vcek = snp.collateral();
    ImageHash image = ImageHash.ofDigest(new byte[32]);
    AppraisalPolicy policy = AppraisalPolicy.defaults().withAcceptSimulated(true);
    policy = policy.withSnp(policy.snp().withMeasurements(List.of(ByteString.of(measurements.artifactDigest()))));
    AgentAttester attester = AgentDevices.simulator(Platform.SEV_SNP, home, measurements, clock, random);
    Secp256k1PrivateKey key = Secp256k1PrivateKey.generate(random);
    ServerConfig server = ServerConfig.defaults().withDataDirectory(temp).withPort(0);
    plainEcho = PayloadService.start(server.withTls(false), "echo", key, clock, random);
    tlsEcho = PayloadService.start(server, "echo", key, clock, random);
    plainAgent = AgentService.start(server.withTls(false), attester, config(image, key, plainEcho), GpuSource.none(), clock,
        random);
    tlsAgent = AgentService.start(server, attester, config(image, key, tlsEcho), GpuSource.none(), clock, random);
    ClientOptions client = ClientOptions.defaults(List.of(verifier)).withPolicy(policy).withInsecureTls(true);
    VmOptions options = new VmOptions(client, image,
        Optional.of(new VmOptions.ExpectedService("echo", key.publicKey().toBytes(), Optional.empty())),
        GpuVerifier.create(), policy, false, CollateralSource.none());
    plainClient = VmClient.create(options);
    tlsClient = VmClient.create(options);
    for (VmReport report : List.of(verifyVm(), verifyVmTls())) {
      if (!report.passed()) {
        throw new IllegalStateException("the benchmark's VM does not verify:\n" + report.render());
      }
    }
  }

  private static AgentConfig config(ImageHash image, Secp256k1PrivateKey key, PayloadService echo) {
    return new AgentConfig(image, List.of(new AgentConfig.Service(
        new ServiceLeaf("echo", new byte[32], key.publicKey().toBytes()), Optional.of(URI.create(echo.baseUrl())))),
        new AgentConfig.Gpu.None());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    plainAgent.close();
    tlsAgent.close();
    plainEcho.close();
    tlsEcho.close();
  }

  /** A fresh report on random REPORT_DATA, made before each {@code snpVerify} invocation. */
  @State(Scope.Thread)
  public static class FreshReport {
    Evidence evidence;
    VerificationRequest request;

    @Setup(Level.Invocation)
    public void make(VerifyVmBenchmark bench) throws Exception {
      byte[] reportData = new byte[64];
      bench.random.nextBytes(reportData);
      evidence = bench.snp.attest(reportData);
      request = VerificationRequest.at(bench.clock.instant(), Freshness.reportData(reportData)).withCollateral(bench.vcek);
    }
  }

  @Benchmark
  public Object snpVerify(FreshReport fresh) throws Exception {
    return verifier.verify(fresh.evidence, fresh.request);
  }

  @Benchmark
  public VmReport verifyVm() {
    return plainClient.verify(URI.create(plainAgent.baseUrl() + "/"));
  }

  @Benchmark
  public VmReport verifyVmTls() {
    return tlsClient.verify(URI.create(tlsAgent.baseUrl() + "/"));
  }
}
