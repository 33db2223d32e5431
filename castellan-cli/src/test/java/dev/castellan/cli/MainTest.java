package dev.castellan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = CastellanCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  /** A usage error: exit 2, the error line and the pointer to the help, nothing else. */
  private void assertUsageError(int code, String command, String message) {
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().lines().toList()).as(err.toString())
        .containsExactly(command + ": " + message, "see '" + command + " --help'");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void help_printsUsageAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: castellan").contains("--version").contains("--quiet");
  }

  @Test
  void version_namesCastellanAndJava() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("castellan ").contains("Java 25");
  }

  @Test
  void noSubcommand_isAUsageError() {
    assertUsageError(run(), "castellan", "a subcommand is required");
  }

  @Test
  void unknownSubcommand_isOneLineAndTheHint_exit2() {
    assertUsageError(run("frobnicate"), "castellan", "unknown command 'frobnicate' (commands: up, verify, measure, log, attest, tokens, unlock, entropy, keys, broker, monitor)");
  }

  @Test
  void unknownLogSubcommand_namesTheLogCommands() {
    assertThat(run("log", "frob")).isEqualTo(2);
    assertThat(err.toString()).startsWith("castellan log: unknown command 'frob' (commands: append, key,")
        .contains("see 'castellan log --help'");
  }

  @Test
  void unknownOption_isOneLineWithoutStackTraceOrHelp() {
    assertUsageError(run("--frobnicate"), "castellan", "Unknown option: '--frobnicate'");
    assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Usage:");
  }

  @Test
  void missingParameter_isAUsageError() {
    assertUsageError(run("log", "get"), "castellan log get", "Missing required parameter: 'INDEX|CID'");
  }

  @Test
  void badOptionValue_isAUsageError() {
    assertThat(run("log", "append", "--key-type", "RSA", "x")).isEqualTo(2);
    assertThat(err.toString()).startsWith("castellan log append: Invalid value for option '--key-type'")
        .endsWith("see 'castellan log append --help'" + System.lineSeparator()).doesNotContain("Usage:");
  }

  @Test
  void optionValueCheckedByTheCommand_isAUsageErrorToo() {
    // A message that starts with the option's name is about its value: usage, exit 2.
    assertThat(run("log", "key", "--insecure-tls")).isEqualTo(2);
    assertThat(err.toString()).contains("--insecure-tls applies to --url only").contains("see 'castellan log key --help'");
  }

  @Test
  void usageErrorWithJson_isAJsonObjectOnStdout_exit2() throws Exception {
    assertThat(run("log", "checkpoint", "--json", "--frobnicate")).isEqualTo(2);
    JsonNode error = new ObjectMapper().readTree(out.toString()).get("error");
    assertThat(error.get("kind").asString()).isEqualTo("usage");
    assertThat(error.get("message").asString()).isEqualTo("Unknown option: '--frobnicate'");
    assertThat(error.get("command").asString()).isEqualTo("castellan log checkpoint");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void quiet_isAcceptedBeforeAndAfterTheSubcommand() {
    assertThat(run("--quiet", "log", "key", "--help")).isZero();
    assertThat(run("log", "key", "-q", "--help")).isZero();
    assertThat(out.toString()).contains("--quiet");
  }

  @Test
  void unexpectedException_isReportedByTypeOnly() {
    ErrorReport report = ErrorReport.of(new NullPointerException("secret=hunter2"));
    assertThat(report.kind()).isEqualTo(ErrorKind.INTERNAL);
    assertThat(report.message()).isEqualTo("internal error (NullPointerException)");
  }

  @Test
  void errorKinds_haveTheDocumentedNamesAndExitCodes() {
    assertThat(java.util.Arrays.stream(ErrorKind.values()).map(k -> k.json() + "=" + k.exitCode()))
        .containsExactly("usage=2", "file=1", "network=1", "verification=1", "operation=1", "internal=1");
  }
}
