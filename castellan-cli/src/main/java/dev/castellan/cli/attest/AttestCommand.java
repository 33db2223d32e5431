package dev.castellan.cli.attest;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan attest}: verify attestation evidence from a file, or produce simulated evidence. */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    description = {
      "Verify attestation evidence from a file, or simulate some.",
      "",
      "Platforms: AWS Nitro, AMD SEV-SNP, Intel TDX and TPM 2.0; simulated evidence is for",
      "trying it out and is only accepted with --allow-simulated."
    },
    subcommands = {AttestVerifyCommand.class, AttestSimulateCommand.class})
public final class AttestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: verify or simulate");
  }
}
