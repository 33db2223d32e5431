package dev.castellan.cli.tokens;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code castellan tokens}: capability tokens and the authority's keys (docs/tokens.md). */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = "Capability tokens: issuing one, the authority's key set, checking a token offline, revoking one, rotating the key, enrolling an operator's TOTP, serving the authority (cryptod).",
    subcommands = {TokensIssueCommand.class, TokensKeysCommand.class, TokensVerifyCommand.class, TokensRevokeCommand.class,
        TokensRotateCommand.class, TokensTotpEnrollCommand.class, TokensServeCommand.class})
public final class TokensCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a tokens subcommand is required");
  }
}
