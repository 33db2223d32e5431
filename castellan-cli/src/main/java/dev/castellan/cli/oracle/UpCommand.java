package dev.castellan.cli.oracle;

import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.Launcher;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code castellan up}: the attested signing oracle on the simulator, until Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run the attested signing oracle on the simulator.",
      "",
      "It boots on the simulated Nitro device, with its data (sealed signing key, simulator",
      "roots, log) in a directory. Ctrl-C stops it; starting it again serves the same key."
    })
public final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ./castellan-data, or CASTELLAN_DATA).")
  Path data;

  @Option(names = "--port", paramLabel = "N", description = "Port (default: 8443, or CASTELLAN_PORT; 0 picks a free one).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: 127.0.0.1).")
  String bind;

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file: bind, port, data, tls, max-body-bytes.")
  Path configFile;

  @Option(names = "--no-auth", description = "Let anyone who reaches the port sign and append, without a capability"
      + " token: for local experiments only; every such request is logged as UNAUTHENTICATED.")
  boolean noAuth;

  @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS (responses are still signed).")
  boolean plainHttp;

  @Option(names = "--previous-measurement", paramLabel = "HEX", description = "PCR0 of the predecessor build (migration lineage).")
  String previousMeasurement;

  @Option(names = "--maintainer-key", paramLabel = "HEX", description = "The maintainer's BIP-340 x-only key that approves migrations.")
  String maintainerKey;

  @Option(names = "--sealing", paramLabel = "local|broker:URL|tpm[:TCTI]", defaultValue = "local",
      description = "What seals the signing key: 'local' (default: the simulated device's secret and PCR0),"
          + " 'broker:https://HOST:PORT' (a key broker; needs --broker-pin and a key whose decrypt policy accepts this oracle)"
          + " or 'tpm' / 'tpm:TCTI' (this machine's TPM, PCRs 0 and 7; TCTI default $TPM2TOOLS_TCTI, else device:/dev/tpmrm0).")
  String sealing;

  @Option(names = "--broker-key", paramLabel = "ID", defaultValue = "castellan-oracle",
      description = "With --sealing broker:URL: the broker's key id (default: castellan-oracle).")
  String brokerKey;

  @Option(names = "--broker-pin", paramLabel = "HEX",
      description = "With --sealing broker:URL: the SHA-256 of the broker's TLS key, as 'castellan broker serve' prints it.")
  String brokerPin;

  @picocli.CommandLine.Mixin RaUpOptions ra;

  @picocli.CommandLine.Mixin SupervisorOptions supervisor;

  /** The signing key's sealer for {@code --sealing}; empty for {@code local} (the oracle's own). */
  private Optional<dev.castellan.keys.Sealer> signingKeySealer(SimulatedNitroTee tee, SecureRandom random) throws Exception {
    Sealing choice;
    try {
      choice = Sealing.parse(sealing);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return switch (choice) {
      case Sealing.Local local -> Optional.empty();
      case Sealing.Tpm tpm -> {
        String tcti = tpm.tcti().or(() -> Optional.ofNullable(System.getenv("TPM2TOOLS_TCTI")).filter(t -> !t.isBlank()))
            .orElse(dev.castellan.keys.tpm.TpmSealer.DEVICE_TCTI);
        try {
          yield Optional.of(dev.castellan.keys.tpm.TpmSealer.create(
              dev.castellan.keys.tpm.TpmSealer.Options.of(tcti, dev.castellan.keys.tpm.TpmSealer.DEFAULT_PCRS)));
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sealing tpm:TCTI: " + e.getMessage());
        }
      }
      case Sealing.Broker broker -> {
        byte[] pin;
        try {
          pin = Hex.decode(brokerPin == null ? "" : brokerPin.trim());
        } catch (IllegalArgumentException e) {
          pin = new byte[0];
        }
        try {
          yield Optional.of(dev.castellan.keys.broker.client.BrokerSealer.create(
              new dev.castellan.keys.broker.client.BrokerEndpoint(broker.url(), brokerKey, pin), tee, random));
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "--sealing broker:URL: " + e.getMessage() + (pin.length != 32 ? " (--broker-pin HEX is required)" : ""));
        }
      }
    };
  }

  /** Defaults, then the file, then CASTELLAN_* variables, then these flags. */
  private ServerConfig config() throws java.io.IOException {
    ServerConfig config = ServerConfig.load(configFile, System.getenv());
    if (data != null) {
      config = config.withDataDirectory(data);
    }
    try {
      if (port != null) {
        config = config.withPort(port);
      }
      if (bind != null) {
        config = config.withBind(bind);
      }
    } catch (IllegalArgumentException e) {
      // A flag's value out of range is a usage error (exit 2), like a malformed one.
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    return plainHttp ? config.withTls(false) : config;
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig config = config();
    Optional<dev.castellan.server.ra.RaOptions> raOptions = ra.options(spec);
    OracleInfo info = new OracleInfo(version(), hex("--previous-measurement", previousMeasurement, 48),
        hex("--maintainer-key", maintainerKey, 32));
    var proxy = supervisor.proxy(spec);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();

    // Bind first: a busy port must fail before anything is created or unsealed.
    Oracle.Bound bound;
    try {
      bound = Oracle.bind(config, clock, random);
    } catch (java.net.BindException e) {
      throw dev.castellan.cli.Serving.portInUse(config.port(), config.bind());
    }
    err.println("castellan up: booting the signing oracle on the simulated Nitro device");
    err.println("  data directory  " + config.dataDirectory().toAbsolutePath().normalize());
    err.flush();
    boolean firstRun = !Files.exists(config.dataDirectory().resolve(SimulatorHome.DIRECTORY));
    SimulatorHome home = SimulatorHome.open(config.dataDirectory(), clock, random);
    if (firstRun) {
      err.println("  created the simulator's device secret and vendor roots (kept for later runs)");
    }
    BootMeasurements measurements = ApplicationMeasurement.ofRunningApplication(info);
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(home, measurements, clock, random);
    SimulatedNitroTee tee = new SimulatedNitroTee(device);
    Optional<dev.castellan.keys.Sealer> signingKeySealer;
    try {
      signingKeySealer = signingKeySealer(tee, random);
    } catch (RuntimeException | Error e) {
      bound.close();
      throw e;
    }
    switch (Sealing.parse(sealing)) {
      case Sealing.Broker broker -> err.println("  signing key     sealed through the broker at " + broker.url() + " (key " + brokerKey + ")");
      case Sealing.Tpm tpm -> err.println("  signing key     sealed to the TPM's PCRs 0 and 7");
      case Sealing.Local local -> { }
    }
    err.flush();
    Oracle oracle;
    try {
      oracle = Oracle.boot(bound, tee, signingKeySealer, info,
          noAuth ? Oracle.Access.OPEN : Oracle.Access.TOKENS, java.util.stream.Stream.concat(
              RaUpOptions.extensions(raOptions, home).stream(), SupervisorOptions.extensions(proxy).stream()).toList(),
          clock, random);
    } catch (dev.castellan.keys.UnsealException e) {
      if (signingKeySealer.isPresent()) {
        throw new dev.castellan.keys.UnsealException(e.getMessage() + "\n"
            + "  The broker decides: only an oracle whose evidence its key policy accepts can unseal the key.");
      }
      throw new dev.castellan.keys.UnsealException(e.getMessage() + "\n"
          + "  The code changed since the signing key was sealed, so PCR0 changed: only the measured\n"
          + "  code can unseal its key. To keep the key, run the build it was sealed under (or migrate\n"
          + "  it). To start over with a NEW signing key, delete "
          + config.dataDirectory().resolve("keys/signing-key.sealed") + " (the old key is lost).");
    }

    String pcr0 = Hex.encode(device.pcr(0));
    out.println();
    out.println("Castellan oracle is up at " + oracle.baseUrl() + "  (simulated TEE)");
    out.println("  PCR0            " + pcr0);
    out.println("  signing key     " + Hex.encode(oracle.signingPublicKey()));
    raOptions.ifPresent(o -> out.println("  RA web API      " + oracle.baseUrl() + "/ra/  (files under " + o.root() + ")"));
    SupervisorOptions.print(proxy, out);
    Path token = oracle.operatorTokenFile().map(t -> t.toAbsolutePath().normalize()).orElse(null);
    if (token != null) {
      out.println("  operator token  " + token + "  (renewed every minute)");
    } else {
      out.println("  NO AUTHENTICATION (--no-auth): anyone who reaches the port can sign and append");
    }
    out.println();
    if (token != null) {
      out.println("Signing and appending need that token; sign a payload with it:");
      out.println("  curl -sk " + oracle.baseUrl() + "/v1/sign -H \"Authorization: Bearer $(cat " + token + ")\" \\");
      out.println("      -H 'Content-Type: application/json' -d '{\"scheme\": \"bip340\", \"payload\": \"aGVsbG8=\"}'");
      out.println();
    }
    out.println("Verify it from another terminal:");
    List<String> next = verifyNextStep(oracle.baseUrl(), config.tls(), config.dataDirectory(), pcr0);
    out.println("  " + String.join(" ", next.subList(0, next.indexOf("--data"))) + " \\");
    out.println("      " + String.join(" ", next.subList(next.indexOf("--data"), next.size())));
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      oracle.close();
      err.println("castellan up: stopped; the sealed signing key stays in " + config.dataDirectory());
      err.flush();
      stopped.countDown();
    }, "castellan-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * The verify command {@code up} prints, word by word: the launcher's absolute path (or
   * {@code castellan}), the URL, the data directory's absolute path and the PCR0 pin, so it
   * can be pasted into any shell in any directory.
   */
  public static List<String> verifyNextStep(String baseUrl, boolean tls, Path dataDirectory, String pcr0) {
    List<String> words = new java.util.ArrayList<>(List.of(Launcher.command(), "verify", baseUrl));
    if (tls) {
      words.add("--insecure-tls");
    }
    words.addAll(List.of("--allow-simulated", "--data", Launcher.path(dataDirectory), "--expected-pcr0", pcr0));
    return words;
  }

  private static Optional<String> hex(String option, String value, int length) {
    if (value == null) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Hex.decode(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be hex: " + e.getMessage());
    }
    if (bytes.length != length) {
      throw new IllegalArgumentException(option + " must be " + length + " bytes (" + 2 * length + " hex digits)");
    }
    return Optional.of(Hex.encode(bytes));
  }

  private static String version() {
    String version = UpCommand.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
