package dev.castellan.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a subcommand into one line on standard error and exit code 1.
 * Our exceptions carry messages written for people and free of secrets; anything else is
 * reported by type only, since its message was not written with that care.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    // The full path ("castellan log verify"), so the line says which command failed.
    commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(exception));
    commandLine.getErr().flush();
    return FAILURE;
  }

  static String describe(Throwable exception) {
    String type = exception.getClass().getName();
    boolean ours = type.startsWith("dev.castellan.");
    boolean io = exception instanceof java.io.IOException;
    if ((ours || io) && exception.getMessage() != null) {
      return exception.getMessage();
    }
    if (exception instanceof IllegalArgumentException && exception.getMessage() != null) {
      return exception.getMessage();
    }
    return "internal error (" + exception.getClass().getSimpleName() + ")";
  }
}
