package dev.castellan.cli.entropy;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan entropy}: entropyd (docs/authority.md, "Entropy (entropyd)"). */
@Command(
    name = "entropy",
    mixinStandardHelpOptions = true,
    description = "Entropy: serving signed entropy chunks to cryptod (entropyd).",
    subcommands = {EntropyServeCommand.class})
public final class EntropyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "an entropy subcommand is required");
  }
}
