package dev.castellan.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan keys}: key custody outside the oracle (docs/tpm-sealing.md). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Key custody: sealing a key to this machine's TPM (a LUKS keyfile).",
    subcommands = {KeysTpmCommand.class})
public final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a keys subcommand is required");
  }
}
