package dev.castellan.cli.keys;

import dev.castellan.keys.tpm.PcrSelection;
import dev.castellan.keys.tpm.TpmSealer;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --tcti}: which TPM tpm2-tools talk to. */
final class TctiOption {
  @Option(names = "--tcti", paramLabel = "TCTI",
      description = "The TPM: device:/dev/tpmrm0 on a machine, swtpm:host=127.0.0.1,port=2321 for a software TPM"
          + " (default: $TPM2TOOLS_TCTI, else " + TpmSealer.DEVICE_TCTI + ").")
  String tcti;

  /** A sealer on the chosen TPM, binding to {@code pcrs}; a malformed TCTI is a usage error. */
  TpmSealer sealer(CommandLine commandLine, PcrSelection pcrs) {
    String chosen = Optional.ofNullable(tcti)
        .or(() -> Optional.ofNullable(System.getenv("TPM2TOOLS_TCTI")).filter(t -> !t.isBlank()))
        .orElse(TpmSealer.DEVICE_TCTI);
    try {
      return TpmSealer.create(TpmSealer.Options.of(chosen, pcrs));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, "--tcti: " + e.getMessage());
    }
  }
}
