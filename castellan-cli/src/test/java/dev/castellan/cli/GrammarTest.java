package dev.castellan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The grammar reaches commands that do not implement it themselves: attest, and the data directory rule. */
class GrammarTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private String out;
  private String err;

  private int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine commandLine = CastellanCommand.commandLine();
    commandLine.setOut(new PrintWriter(o));
    commandLine.setErr(new PrintWriter(e));
    int code = commandLine.execute(args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void attestVerify_missingEvidence_fileErrorInTextAndJson() throws Exception {
    Path missing = dir.resolve("absent.cbor");
    assertThat(run("attest", "verify", missing.toString(), "--no-freshness")).isEqualTo(1);
    assertThat(err.lines().toList()).containsExactly("castellan attest verify: evidence file " + missing + ": does not exist");
    assertThat(run("attest", "verify", missing.toString(), "--no-freshness", "--json")).isEqualTo(1);
    JsonNode error = JSON.readTree(out).get("error");
    assertThat(error.get("kind").asString()).isEqualTo("file");
    assertThat(error.get("message").asString()).isEqualTo("evidence file " + missing + ": does not exist");
  }

  @Test
  void attestVerify_directoryAsEvidence_isADirectory() {
    assertThat(run("attest", "verify", dir.toString(), "--no-freshness")).isEqualTo(1);
    assertThat(err.strip()).isEqualTo("castellan attest verify: evidence file " + dir + ": is a directory");
  }

  @Test
  void attestVerify_badOptionValue_isAUsageErrorWithTheHint() {
    assertThat(run("attest", "verify", dir.toString(), "--no-freshness", "--platform", "sev")).isEqualTo(2);
    assertThat(err.lines().toList()).hasSize(2).last().isEqualTo("see 'castellan attest verify --help'");
    assertThat(err).startsWith("castellan attest verify: Invalid value for option '--platform'");
  }

  @Test
  void up_portOutOfRange_isAUsageError_beforeAnythingIsCreated() {
    Path data = dir.resolve("data");
    assertThat(run("up", "--port", "99999", "--data", data.toString())).isEqualTo(2);
    assertThat(err.lines().toList()).containsExactly("castellan up: port must be 0 to 65535, got 99999", "see 'castellan up --help'");
    assertThat(data).doesNotExist();
  }

  @Test
  void attestVerify_dataNamesTheSimulatorRoots() throws Exception {
    Path evidence = Files.write(dir.resolve("doc.cbor"), new byte[] {1, 2, 3});
    assertThat(run("attest", "verify", evidence.toString(), "--no-freshness", "--platform", "nitro",
        "--allow-simulated", "--data", dir.resolve("nothing").toString())).isEqualTo(1);
    assertThat(err).contains("no simulator in " + dir.resolve("nothing"));
  }

  @Test
  void castellanData_isTheDefaultDataDirectory_ofTheLogCommands() throws Exception {
    // The environment cannot be changed in this JVM: run the command in a child JVM.
    Path input = Files.writeString(dir.resolve("in.txt"), "from the environment");
    Path data = dir.resolve("env-data");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "log", "append", input.toString())
        .directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put(DataDirectory.ENVIRONMENT, data.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).startsWith("bafyrei").contains(" 0");
    assertThat(data.resolve("log")).isDirectory();
    assertThat(dir.resolve("castellan-data")).doesNotExist();
    assertThat(List.of(data.resolve("keys").toFile().list())).contains("record-ed25519.key");
  }
}
