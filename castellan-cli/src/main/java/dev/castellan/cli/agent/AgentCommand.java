package dev.castellan.cli.agent;

import dev.castellan.attestation.Platform;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.attestation.tsm.TsmReportAttester;
import dev.castellan.cli.Launcher;
import dev.castellan.cli.PolicyOptions;
import dev.castellan.cli.Serving;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.agent.AgentAttester;
import dev.castellan.server.agent.AgentDevices;
import dev.castellan.server.agent.AgentConfig;
import dev.castellan.server.agent.AgentService;
import dev.castellan.server.agent.GpuSource;
import dev.castellan.server.oracle.ApplicationMeasurement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan agent}: the attestation agent of an SEV-SNP or TDX VM, until Ctrl-C. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the attestation agent of an SEV-SNP or TDX VM (docs/agent.md).",
      "",
      "GET /attestation?nonce=HEX   evidence whose REPORT_DATA is SHA-512 of",
      "                             \"castellan/report-data/v1\", the nonce, the",
      "                             image hash, the service tree's root and the",
      "                             GPU digest; with those components",
      "GET /smt/proof?service=NAME  a proof from the service tree",
      "GET /services                the tree's leaves",
      "",
      "--config names the image, the services (name, image hash, public key,",
      "URL) and the GPU source. --tee tsm uses the guest's configfs-tsm (a real",
      "SEV-SNP or TDX VM); --tee simulator (the default) the simulator of",
      "--data, which measures this build as 'castellan measure --platform",
      "snp|tdx' prints. Prints the verify-vm command. Ctrl-C stops it.",
      ""
    })
public final class AgentCommand implements Callable<Integer> {
  enum Tee { simulator, tsm }

  enum PlatformChoice {
    snp(Platform.SEV_SNP), tdx(Platform.TDX);

    final Platform platform;

    PlatformChoice(Platform platform) {
      this.platform = platform;
    }
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent configuration (JSON; docs/agent.md).")
  Path config;

  @Option(names = "--tee", paramLabel = "TEE", defaultValue = "simulator",
      description = "simulator or tsm (default: ${DEFAULT-VALUE}).")
  Tee tee;

  @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = "snp",
      description = "With --tee simulator: snp or tdx (default: ${DEFAULT-VALUE}). configfs-tsm says which it is.")
  PlatformChoice platform;

  @Option(names = "--tsm-root", paramLabel = "DIR", description = "With --tee tsm: the configfs-tsm report directory"
      + " (default: /sys/kernel/config/tsm/report).")
  Path tsmRoot;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory of the simulator (default: CASTELLAN_DATA, else ./castellan-data).")
  Path data;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8445", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS.")
  boolean plainHttp;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (tee == Tee.tsm && data != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--data is for the simulator; --tee tsm keeps no data");
    }
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    Path dataDirectory = PolicyOptions.dataDirectory(data);
    ServerConfig server = Serving.config(spec, dataDirectory, port, bind, plainHttp);
    AgentConfig agent = AgentConfig.load(config);
    Optional<SimulatorHome> home = Optional.empty();
    AgentAttester attester;
    BootMeasurements measurements = null;
    if (tee == Tee.simulator) {
      home = Optional.of(SimulatorHome.open(dataDirectory, clock, random));
      measurements = ApplicationMeasurement.ofRunningApplication();
      attester = AgentDevices.simulator(platform.platform, home.get(), measurements, clock, random);
    } else {
      attester = AgentDevices.tsm(tsmRoot != null ? tsmRoot : TsmReportAttester.DEFAULT_ROOT);
    }
    GpuSource gpu = AgentDevices.gpu(agent.gpu(), home, clock, random);
    Optional<Path> gpuPolicy = Optional.empty();
    if (agent.gpu() instanceof AgentConfig.Gpu.Simulated && home.isPresent()) {
      gpuPolicy = Optional.of(AgentDevices.writeSimulatedGpuPolicy(home.get(), dataDirectory, clock, random));
    }
    AgentService service;
    try {
      service = AgentService.start(server, attester, agent, gpu, clock, random);
    } catch (java.net.BindException e) {
      throw Serving.portInUse(port, bind);
    }
    String name = attester.platform() == Platform.SEV_SNP ? "snp" : "tdx";
    out.println("Castellan agent is up at " + service.baseUrl() + "  (" + (attester.platform() == Platform.SEV_SNP
        ? "SEV-SNP" : "TDX") + (attester.simulated() ? ", SIMULATED TEE" : "") + ")");
    out.println("  image hash      " + agent.image().sri());
    out.println("  service tree    " + Hex.encode(service.serviceRoot()) + "  (" + agent.services().size() + " services)");
    out.println("  GPU             " + switch (agent.gpu()) {
      case AgentConfig.Gpu.None none -> "none";
      case AgentConfig.Gpu.Simulated simulated -> "simulated Hopper GPU";
      case AgentConfig.Gpu.Command command -> "from " + command.command().getFirst();
    });
    if (measurements != null) {
      out.println("  measurement     " + Hex.encode(measurements.artifactDigest()) + "  (what 'castellan measure --platform "
          + name + "' prints)");
    }
    out.println();
    out.println("Verify it from another terminal:");
    StringBuilder verify = new StringBuilder(Launcher.command()).append(" verify-vm ").append(service.baseUrl());
    if (!plainHttp) {
      verify.append(" --insecure-tls");
    }
    if (attester.simulated()) {
      verify.append(" --allow-simulated --data ").append(Launcher.path(dataDirectory));
    }
    verify.append(" --expected-measurement ").append(measurements != null
        ? Hex.encode(measurements.artifactDigest()) : "<MEASUREMENT>");
    verify.append(" --expected-image ").append(agent.image().sri());
    gpuPolicy.ifPresent(p -> verify.append(" --gpu-policy ").append(Launcher.path(p)));
    agent.services().stream().findFirst().ifPresent(s -> verify.append(" --service ").append(s.leaf().name())
        .append(" --service-key ").append(Hex.encode(s.leaf().publicKey())));
    out.println("  " + verify);
    gpuPolicy.ifPresent(p -> out.println("  (--gpu-policy: the simulated GPU's own reference values, written to " + p
        + "; on hardware, pin NVIDIA's, docs/policy/gpu.md)"));
    out.println("Press Ctrl-C to stop.");
    out.flush();
    Serving.untilStopped(service, err, "castellan agent: stopped");
    return 0;
  }
}
