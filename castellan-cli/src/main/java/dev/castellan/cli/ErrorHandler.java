package dev.castellan.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a subcommand into its {@link ErrorReport}: one line on standard
 * error (or a JSON object with {@code --json}) and the kind's exit code, never a stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
    String[] args = parseResult == null ? new String[0] : parseResult.originalArgs().toArray(String[]::new);
    return ErrorReport.of(exception).print(commandLine, ErrorReport.wantsJson(commandLine, args));
  }
}
