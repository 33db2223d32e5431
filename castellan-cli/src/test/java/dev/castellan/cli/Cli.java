package dev.castellan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the castellan command line, with its output captured. */
public record Cli(int exitCode, String out, String err) {
  public static Cli run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = CastellanCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int code = commandLine.execute(args.toArray(String[]::new));
    return new Cli(code, out.toString(), err.toString());
  }

  public static Cli run(String... args) {
    return run(List.of(args));
  }

  /** The verdict line (VERIFIED... or NOT VERIFIED...), without a "; detail" suffix. */
  public String verdict() {
    return out.lines().filter(l -> l.startsWith("VERIFIED") || l.startsWith("NOT VERIFIED")).findFirst()
        .map(l -> l.replaceAll("; .*$", "")).orElse("(no verdict) " + err.strip());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
