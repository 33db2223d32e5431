package dev.castellan.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.cli.CastellanCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code log append a b}, {@code log append -}, and progress bars that {@code --quiet} silences. */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
@ResourceLock("java.lang.System.in")
class LogAppendManyTest {
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

  @AfterEach
  void clear() {
    System.clearProperty("castellan.progress");
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private String recordData(long index) throws Exception {
    assertThat(run("log", "get", "--data", data(), Long.toString(index), "--json")).as(err).isZero();
    return new String(Base64.getDecoder().decode(JSON.readTree(out).get("data").asString()), StandardCharsets.UTF_8);
  }

  @Test
  void append_severalFiles_oneRecordEachInOrder_oneLineEach() throws Exception {
    assertThat(run("log", "append", "--data", data(), file("a", "alpha").toString(), file("b", "beta").toString()))
        .as(err).isZero();
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("bafyrei").endsWith(" 0");
    assertThat(lines.get(1)).startsWith("bafyrei").endsWith(" 1");
    assertThat(recordData(0)).isEqualTo("alpha");
    assertThat(recordData(1)).isEqualTo("beta");
  }

  @Test
  void append_severalFilesJson_oneObjectPerLine() throws Exception {
    assertThat(run("log", "append", "--data", data(), "--json", file("a", "1").toString(), file("b", "2").toString(),
        file("c", "3").toString())).as(err).isZero();
    List<JsonNode> receipts = out.lines().map(JSON::readTree).toList();
    assertThat(receipts).extracting(r -> r.get("index").asLong()).containsExactly(0L, 1L, 2L);
    assertThat(receipts.get(2).get("treeSize").asLong()).isEqualTo(3);
    // The fields of the server's receipt (LogApiTest checks the same list), hashes in lower-case hex.
    assertThat(receipts.get(2).propertyNames()).containsExactly("cid", "index", "duplicate", "treeSize", "checkpoint",
        "inclusionProof");
    receipts.get(2).get("inclusionProof").valueStream().forEach(h -> assertThat(h.asString()).matches("[0-9a-f]{64}"));
  }

  @Test
  void append_dash_readsStandardInput() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("from stdin".getBytes(StandardCharsets.UTF_8)));
      assertThat(run("log", "append", "--data", data(), "-", file("after", "after").toString())).as(err).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(recordData(0)).isEqualTo("from stdin");
    assertThat(recordData(1)).isEqualTo("after");
  }

  @Test
  void append_dashTwice_isAUsageError() {
    assertThat(run("log", "append", "--data", data(), "-", "-")).isEqualTo(2);
    assertThat(err).contains("standard input (-) can be read only once");
  }

  @Test
  void append_oldDataFileOption_stillWorks() throws Exception {
    assertThat(run("log", "append", "--data", data(), "--data-file", file("a", "old").toString())).as(err).isZero();
    assertThat(recordData(0)).isEqualTo("old");
  }

  @Test
  void progress_drawnWhenAsked_silencedByQuiet() throws Exception {
    System.setProperty("castellan.progress", "always");
    Path a = file("a", "a");
    Path b = file("b", "b");
    assertThat(run("log", "append", "--data", data(), a.toString(), b.toString())).as(err).isZero();
    assertThat(err).contains("] 100% 2/2 records");
    assertThat(run("log", "verify", "--data", data())).as(err).isZero();
    assertThat(err).contains("] 100% 2/2 records");
    Path car = dir.resolve("log.car");
    assertThat(run("log", "export", "--data", data(), "--out", car.toString())).as(err).isZero();
    assertThat(err).contains("] 100% 4/4 records");

    assertThat(run("--quiet", "log", "verify", "--data", data())).as(err).isZero();
    assertThat(err).isEmpty();
    assertThat(run("log", "export", "--data", data(), "--out", car.toString(), "-q")).as(err).isZero();
    assertThat(err).isEmpty();
    assertThat(run("log", "append", "--quiet", "--data", data(), file("c", "c").toString(), file("d", "d").toString()))
        .as(err).isZero();
    assertThat(err).isEmpty();
  }

  @Test
  void progress_notDrawnWithoutATerminal() throws Exception {
    // The test JVM has no console: without the property nothing is drawn.
    assertThat(System.console() == null || !System.console().isTerminal()).isTrue();
    assertThat(run("log", "append", "--data", data(), file("a", "a").toString(), file("b", "b").toString())).isZero();
    assertThat(run("log", "verify", "--data", data())).isZero();
    assertThat(err).isEmpty();
  }
}
