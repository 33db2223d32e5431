package dev.castellan.cli.oracle;

import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.oracle.ApplicationMeasurement;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code castellan measure}: the launch measurement of this build, computed offline by the
 * code path {@code castellan up} measures with ({@link ApplicationMeasurement}), so a user pins
 * a value computed on their own machine instead of one the oracle announces. Its subcommand
 * {@code image} ({@link MeasureImageCommand}) hashes a system image instead.
 */
@Command(
    name = "measure",
    mixinStandardHelpOptions = true,
    subcommands = MeasureImageCommand.class,
    description = {
      "Print, offline, the launch measurement the oracle reports for this build.",
      "",
      "It is what 'castellan up' and 'castellan attest simulate' measure: the running",
      "application's class path (every jar, by name and SHA-384). Pin it with",
      "'castellan verify URL --expected-pcr0 HEX'.",
      "",
      "nitro  PCR0 (the image), PCR1 (the Java runtime), PCR2 (the oracle configuration",
      "       without --previous-measurement / --maintainer-key)",
      "snp    MEASUREMENT as the simulator's SEV-SNP attester reports it",
      "tdx    MRTD as the simulator's TDX quotes carry it",
      "",
      "'castellan measure image PATH' prints the image hash of a path instead (the value",
      "'nix hash path' prints).",
      ""
    })
public final class MeasureCommand implements Callable<Integer> {
  /** The platforms whose simulated measurement this build can compute. */
  enum PlatformChoice { nitro, snp, tdx }

  @Spec CommandSpec spec;

  @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = "nitro",
      description = "nitro, snp or tdx (default: ${DEFAULT-VALUE}).")
  PlatformChoice platform;

  @Option(names = "--json", description = "Print JSON: {platform, pcr0, pcr1, pcr2} or {platform, measurement} / {platform, mrtd}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Map<String, String> values = measure(ApplicationMeasurement.ofRunningApplication(), platform);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(values));
    } else {
      values.forEach((name, value) -> {
        if (!name.equals("platform")) {
          out.printf(java.util.Locale.ROOT, "%-12s %s%n", name, value);
        }
      });
    }
    out.flush();
    return 0;
  }

  /** The named values for {@code platform}: lower-case hex, in the order printed. */
  static Map<String, String> measure(BootMeasurements measurements, PlatformChoice platform) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("platform", platform.name());
    switch (platform) {
      case nitro -> measurements.nitroPcrs().forEach((index, value) -> values.put("pcr" + index, Hex.encode(value)));
      // SimulatedSnpAttester reports the image digest as MEASUREMENT; the TDX quote carries it as MRTD.
      case snp -> values.put("measurement", Hex.encode(measurements.artifactDigest()));
      case tdx -> values.put("mrtd", Hex.encode(measurements.artifactDigest()));
    }
    return values;
  }
}
