package dev.castellan.cli;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error (unknown command or option, missing or bad value) is ONE line naming the
 * problem and a pointer to the help, {@code see 'castellan <cmd> --help'}, and exit code 2:
 * the whole help text would bury the line that matters.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    ErrorReport report = new ErrorReport(ErrorKind.USAGE, message(exception));
    return report.print(commandLine, ErrorReport.wantsJson(commandLine, args));
  }

  private static String message(ParameterException exception) {
    CommandLine commandLine = exception.getCommandLine();
    if (exception instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
        && !commandLine.getSubcommands().isEmpty()) {
      String first = unmatched.getUnmatched().getFirst();
      if (!first.startsWith("-")) {
        List<String> names = commandLine.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        return String.format(Locale.ROOT, "unknown command '%s' (commands: %s)", printable(first), String.join(", ", names));
      }
    }
    String message = exception.getMessage() == null ? "invalid command line" : exception.getMessage();
    return printable(message);
  }

  /** The message may quote the user's words: keep it one line of printable text for the terminal. */
  private static String printable(String text) {
    String line = text.replaceAll("[\\p{Cntrl}&&[^\t]]", "?");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
