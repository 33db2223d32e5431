package dev.castellan.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;
import picocli.CommandLine;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one error format of every command: {@code castellan <cmd>: <what>: <reason>} on
 * standard error, or with {@code --json} the object {@code {"error": {"kind", "message",
 * "command"}}} on standard output; the exit code is the {@link ErrorKind}'s either way.
 *
 * <p>Our own exceptions carry messages written for people and free of secrets; anything
 * else is reported by type only, since its message was not written with that care.
 */
public record ErrorReport(ErrorKind kind, String message) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A message that starts with an option name ("--at must be ISO-8601") is about a bad option value. */
  private static final Pattern OPTION_FIRST = Pattern.compile("^--[a-z][a-z0-9-]*\\b.*", Pattern.DOTALL);

  /** What {@code exception} means to the user. */
  public static ErrorReport of(Throwable exception) {
    String message = exception.getMessage();
    return switch (exception) {
      case CliException e -> new ErrorReport(e.kind(), message);
      case CommandLine.ParameterException e -> new ErrorReport(ErrorKind.USAGE, message);
      case NetworkException e -> new ErrorReport(ErrorKind.NETWORK, message);
      case FileException e -> new ErrorReport(ErrorKind.FILE, message);
      case FileSystemException e -> new ErrorReport(ErrorKind.FILE, file(e));
      case GeneralSecurityException e when ours(e) && message != null -> new ErrorReport(ErrorKind.VERIFICATION, message);
      case dev.castellan.log.LogOverloadedException e -> new ErrorReport(ErrorKind.OPERATION, message);
      case dev.castellan.log.LogException e when message != null -> new ErrorReport(
          e.getClass() == dev.castellan.log.LogException.class ? ErrorKind.OPERATION : ErrorKind.VERIFICATION, message);
      case IllegalArgumentException e when message != null && !ours(e) && OPTION_FIRST.matcher(message).matches() ->
          new ErrorReport(ErrorKind.USAGE, message);
      case IllegalArgumentException e when message != null -> new ErrorReport(ErrorKind.OPERATION, message);
      case java.io.IOException e when message != null -> new ErrorReport(ErrorKind.OPERATION, message);
      case Exception e when ours(e) && message != null -> new ErrorReport(ErrorKind.OPERATION, message);
      default -> new ErrorReport(ErrorKind.INTERNAL, "internal error (" + exception.getClass().getSimpleName() + ")");
    };
  }

  private static boolean ours(Throwable exception) {
    return exception.getClass().getName().startsWith("dev.castellan.");
  }

  /** {@code <path>: <reason>} for the JDK's file errors, whose reason text comes from the OS. */
  private static String file(FileSystemException e) {
    String path = e.getFile() == null ? "a file" : e.getFile();
    String reason = switch (e) {
      case NoSuchFileException n -> missing(path);
      case AccessDeniedException a -> "permission denied";
      case FileAlreadyExistsException a -> "already exists";
      case NotDirectoryException n -> "is not a directory";
      case DirectoryNotEmptyException d -> "is a directory that is not empty";
      default -> e.getReason() == null ? "cannot be used (" + e.getClass().getSimpleName() + ")"
          : e.getReason().toLowerCase(java.util.Locale.ROOT);
    };
    return path + ": " + reason;
  }

  private static String missing(String path) {
    Path parent = Path.of(path).toAbsolutePath().getParent();
    return parent != null && !Files.isDirectory(parent) ? "its directory " + parent + " does not exist" : "does not exist";
  }

  /** Prints this report for {@code commandLine} (the command that failed) and returns the exit code. */
  public int print(CommandLine commandLine, boolean json) {
    String command = commandLine.getCommandSpec().qualifiedName();
    if (json) {
      ObjectNode root = JSON.createObjectNode();
      ObjectNode error = root.putObject("error");
      error.put("kind", kind.json());
      error.put("message", message);
      error.put("command", command);
      PrintWriter out = commandLine.getOut();
      out.println(root);
      out.flush();
    } else {
      PrintWriter err = commandLine.getErr();
      err.println(command + ": " + message);
      if (kind == ErrorKind.USAGE) {
        err.println("see '" + command + " --help'");
      }
      err.flush();
    }
    return kind.exitCode();
  }

  /** Whether {@code commandLine} was given {@code --json} (so that errors, too, are JSON). */
  static boolean wantsJson(CommandLine commandLine, String[] args) {
    if (commandLine.getCommandSpec().findOption("--json") == null) {
      return false;
    }
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    if (parsed != null && parsed.hasMatchedOption("--json")) {
      return true;
    }
    // A usage error can stop parsing before --json is reached: look at the words themselves.
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--json")) {
        return true;
      }
    }
    return false;
  }
}
