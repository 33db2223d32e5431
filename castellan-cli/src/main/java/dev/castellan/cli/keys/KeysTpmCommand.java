package dev.castellan.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan keys tpm}: a key sealed to TPM PCRs, unsealed as a LUKS keyfile (docs/tpm-sealing.md). */
@Command(
    name = "tpm",
    mixinStandardHelpOptions = true,
    description = {
      "Seal a key to this machine's TPM PCRs, and unseal it as a keyfile (e.g. for LUKS).",
      "",
      "Through tpm2-tools; the TPM is given by --tcti (default: $TPM2TOOLS_TCTI, else device:/dev/tpmrm0)."
    },
    subcommands = {KeysTpmSealCommand.class, KeysTpmUnsealCommand.class})
public final class KeysTpmCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a keys tpm subcommand is required (seal, unseal)");
  }
}
