package dev.castellan.cli.broker;

import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerifierSet;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.oracle.TrustRoots;
import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.MeasurementSealer;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.broker.BrokerService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code castellan broker serve}: the key broker on the simulator, until Ctrl-C. It seals its
 * own state to its simulated device (secret and measurement of its own code, in {@code
 * <data>/simulator}), verifies evidence against the bundled vendor roots and any {@code
 * --trust-root} (treated as simulated: a key policy must accept simulated evidence for them).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the key broker: keys released or used only for evidence their policy accepts.",
      "",
      "Prints its URL, the SHA-256 pin of its TLS key (stable across restarts) and the",
      "operator's broker:admin token file. Ctrl-C stops it."
    })
public final class BrokerServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./castellan-broker",
      description = "Data directory (default: ./castellan-broker).")
  Path data;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8444", description = "Port (default: 8444; 0 picks a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on (default: 127.0.0.1).")
  String bind;

  @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS (BrokerSealer and --sealing broker:URL need HTTPS).")
  boolean plainHttp;

  @Option(names = "--trust-root", paramLabel = "FILE",
      description = "A Nitro root certificate (PEM or DER) to trust as a simulator root, e.g. an oracle's"
          + " <data>/simulator/nitro/root.crt; repeatable.")
  List<Path> trustRoots = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    ServerConfig config;
    try {
      config = ServerConfig.defaults().withDataDirectory(data).withPort(port).withBind(bind).withTls(!plainHttp);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    SimulatorHome home = SimulatorHome.open(data, clock, random);
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(home,
        BootMeasurements.ofRunningCode(BrokerServeCommand.class, "castellan broker".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        clock, random);
    MeasurementSealer sealer = MeasurementSealer.create(device.sealingSecret(), device.pcr(0), random);
    VerifierSet verifiers = VerifierSet.of(NitroVerifier.create(TrustRoots.load(trustRoots, Platform.NITRO)));
    BrokerService service;
    try {
      service = BrokerService.start(config, sealer, verifiers, clock, random);
    } catch (java.net.BindException e) {
      throw dev.castellan.cli.Serving.portInUse(port, bind);
    }
    out.println("Castellan broker is up at " + service.baseUrl() + "  (simulated TEE)");
    out.println("  TLS pin         " + Hex.encode(service.tlsPin()) + "  (SHA-256 of its SubjectPublicKeyInfo; stable across restarts)");
    out.println("  broker PCR0     " + Hex.encode(device.pcr(0)));
    out.println("  operator token  " + service.operatorTokenFile().toAbsolutePath().normalize() + "  (broker:admin, renewed every minute)");
    out.println("  keys            " + service.broker().keyIds().size());
    out.println();
    out.println("Create a key whose policy names \"operator\" among its admins:");
    out.println("  castellan broker key create KEY --policy policy.json --url " + service.baseUrl()
        + (plainHttp ? "" : " --pin " + Hex.encode(service.tlsPin())) + " --token-file " + service.operatorTokenFile());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      err.println("castellan broker: stopped; its keys stay sealed in " + data);
      err.flush();
      stopped.countDown();
    }, "castellan-broker-shutdown"));
    stopped.await();
    return 0;
  }
}
