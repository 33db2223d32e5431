package dev.castellan.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan keys}: key custody outside the simulator (docs/keys.md, docs/tpm-sealing.md, docs/kms.md). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Key custody: TPM sealing, PKCS#11 tokens, AWS KMS key policies.",
    subcommands = {Pkcs11Command.class, KeysTpmCommand.class, KeysKmsPolicyCommand.class})
public final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a keys subcommand is required");
  }
}
