package dev.castellan.cli.broker;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan broker}: the attestation-gated key broker (docs/broker.md). */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "The key broker: serve it, and administer its keys (create, show, policy, lock, delete).",
    subcommands = {BrokerServeCommand.class, BrokerKeyCommand.class})
public final class BrokerCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a broker subcommand is required (serve, key)");
  }
}
