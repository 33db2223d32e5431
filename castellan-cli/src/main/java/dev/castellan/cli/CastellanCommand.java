package dev.castellan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code castellan} command. Subcommands are registered here, one per capability. */
@Command(
    name = "castellan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Castellan keeps signing keys inside a trusted execution environment, proves by"
            + " remote attestation which code holds them, and records every decision in a"
            + " tamper-evident log.",
    subcommands = {
      CommandLine.HelpCommand.class,
      dev.castellan.cli.oracle.UpCommand.class,
      dev.castellan.cli.oracle.VerifyCommand.class,
      dev.castellan.cli.oracle.MeasureCommand.class,
      dev.castellan.cli.log.LogCommand.class,
      dev.castellan.cli.attest.AttestCommand.class,
      dev.castellan.cli.tokens.TokensCommand.class,
      dev.castellan.cli.unlock.UnlockCommand.class,
      dev.castellan.cli.entropy.EntropyCommand.class,
      dev.castellan.cli.keys.KeysCommand.class,
      dev.castellan.cli.broker.BrokerCommand.class,
      dev.castellan.cli.agent.AgentCommand.class,
      dev.castellan.cli.agent.PayloadCommand.class,
      dev.castellan.cli.agent.VerifyVmCommand.class,
      dev.castellan.cli.forward.ForwardCommand.class,
      dev.castellan.cli.runtime.RuntimeCommand.class,
      dev.castellan.cli.monitor.MonitorCommand.class,
    },
    exitCodeListHeading = "%nExit codes (every command):%n",
    exitCodeList = {"0:success", "1:a verification or an operation failed", "2:usage error (one line; see 'castellan <cmd> --help')"},
    footer = {"", "Errors are one line, 'castellan <cmd>: <what>: <reason>'; with --json a JSON",
        "object {\"error\": {\"kind\", \"message\"}} on standard output (docs/log.md).",
        "Documentation: README.md and docs/ in the source tree."})
public final class CastellanCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Global: read by {@link Progress#quiet} from the parse result of whichever command it was given to. */
  @Option(names = {"-q", Progress.QUIET}, scope = ScopeType.INHERIT,
      description = "No progress bars (they are drawn on a terminal only, on standard error).")
  boolean quiet;

  /** A configured command line: errors are one clear line, never a stack trace. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new CastellanCommand());
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    // Help texts are written in lines of up to about 95 characters; at picocli's default of 80
    // every longer line would break in the middle of a sentence.
    commandLine.setUsageHelpWidth(100);
    return commandLine;
  }

  @Override
  public void run() {
    // No subcommand: a usage error (one line, the pointer to --help, exit 2).
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
