package dev.castellan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = CastellanCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void help_printsUsageAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: castellan").contains("--version");
  }

  @Test
  void version_namesCastellanAndJava() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("castellan ").contains("Java 25");
  }

  @Test
  void noSubcommand_failsWithUsage() {
    assertThat(run()).isNotZero();
    assertThat(err.toString()).contains("a subcommand is required");
  }

  @Test
  void unknownOption_failsWithoutStackTrace() {
    assertThat(run("--frobnicate")).isNotZero();
    assertThat(err.toString()).contains("Unknown option").doesNotContain("\tat ");
  }
}
