package dev.castellan.cli.log;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan log}: the tamper-evident evidence log, in a data directory or on a server. */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "The tamper-evident evidence log: signed records, Merkle proofs, signed checkpoints.",
    subcommands = {
      LogAppendCommand.class,
      LogKeyCommand.class,
      LogCheckpointCommand.class,
      LogGetCommand.class,
      LogProofCommand.class,
      LogVerifyCommand.class,
      LogExportCommand.class,
      LogTilesCommand.class,
    })
public final class LogCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a log subcommand is required");
  }
}
