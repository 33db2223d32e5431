package dev.castellan.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan keys}: key custody (docs/keys.md). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Key custody: keys in PKCS#11 tokens.",
    subcommands = {Pkcs11Command.class})
public final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a keys subcommand is required");
  }
}
