package dev.castellan.cli.oracle;

import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.server.oracle.OracleExtension;
import dev.castellan.server.ra.RaExtension;
import dev.castellan.server.ra.RaOptions;
import dev.castellan.server.ra.VrfSuites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The remote-attestation web API's options of {@code castellan up} (docs/ra-api.md): with
 * {@code --ra-root DIR} the oracle also serves {@code /ra/} for the files in DIR.
 */
public final class RaUpOptions {
  @Option(names = "--ra-root", paramLabel = "DIR",
      description = {"Serve the remote-attestation API under /ra/ for the files", "in DIR (docs/ra-api.md)."})
  Path root;

  @Option(names = "--ra-store", paramLabel = "embedded|nats://HOST:PORT",
      description = {"Where /ra/ keeps its state: the data directory (default)",
          "or the NATS KV buckets fs_hashes and fs_att_docs."})
  String store;

  @Option(names = "--ra-vrf-suite", paramLabel = "SUITE",
      description = {"VRF suite of /ra/ proofs: SECP256R1_SHA256_TAI (default),",
          "SECP256R1_SHA256_SSWU, EDWARDS25519_SHA512_TAI or _ELL2."})
  String suite;

  @Option(names = "--ra-max-files", paramLabel = "N",
      description = "Most files one POST /ra/generate may cover (default: " + RaOptions.DEFAULT_MAX_FILES + ").")
  Integer maxFiles;

  /**
   * The options, checked before anything is bound or created; empty without {@code --ra-root}.
   *
   * @throws ParameterException (exit 2) for a bad value, or another {@code --ra-*} option without {@code --ra-root}
   */
  Optional<RaOptions> options(CommandSpec spec) {
    if (root == null) {
      if (store != null || suite != null || maxFiles != null) {
        throw new ParameterException(spec.commandLine(), "--ra-store, --ra-vrf-suite and --ra-max-files need --ra-root DIR");
      }
      return Optional.empty();
    }
    if (!Files.isDirectory(root)) {
      throw new ParameterException(spec.commandLine(), "--ra-root: " + root + " is not a directory");
    }
    try {
      RaOptions options = RaOptions.of(root).withSuite(suite == null ? VrfSuites.DEFAULT : suite);
      options = store == null ? options : options.withStore(store);
      return Optional.of(maxFiles == null ? options : options.withMaxFiles(maxFiles));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The extension for {@code options}: documents verify against the AWS root and this simulator's. */
  static List<OracleExtension> extensions(Optional<RaOptions> options, SimulatorHome home) {
    return options.<List<OracleExtension>>map(o -> List.of(new RaExtension(o, TrustAnchors.bundled().plus(home.nitroRoot()))))
        .orElse(List.of());
  }
}
