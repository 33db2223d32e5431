package dev.castellan.cli.runtime;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan runtime}: the enclave runtime (docs/runtime-init.md). */
@Command(
    name = "runtime",
    mixinStandardHelpOptions = true,
    description = "The enclave runtime: the service manager (init) and its control client (ctl).",
    subcommands = {RuntimeInitCommand.class, RuntimeCtlCommand.class})
public final class RuntimeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a runtime subcommand is required (init, ctl)");
  }
}
