package dev.castellan.cli.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.net.httpserver.HttpServer;
import dev.castellan.cli.CastellanCommand;
import dev.castellan.log.LogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Each error class prints its documented line and exit code, in text and with --json. */
class LogErrorsTest {
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

  /** Runs {@code args} as text and again with --json: one line on stderr, then error.kind on stdout. */
  private void assertError(String kind, String line, String... args) throws Exception {
    assertThat(run(args)).as(err).isEqualTo(1);
    assertThat(err.lines().toList()).as(err).containsExactly(line);
    assertThat(out).isEmpty();

    String[] json = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--json"))
        .toArray(String[]::new);
    assertThat(run(json)).as(out).isEqualTo(1);
    JsonNode error = JSON.readTree(out).get("error");
    assertThat(error.get("kind").asString()).isEqualTo(kind);
    assertThat("castellan log " + args[1] + ": " + error.get("message").asString()).isEqualTo(line);
    assertThat(err).doesNotContain("\tat ");
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  @Test
  void append_missingFile_namesThePathAndTheReason() throws Exception {
    Path missing = dir.resolve("missing.bin");
    assertError("file", "castellan log append: data file " + missing + ": does not exist",
        "log", "append", "--data", data(), missing.toString());
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void append_directory_isADirectory() throws Exception {
    assertError("file", "castellan log append: data file " + dir + ": is a directory",
        "log", "append", "--data", data(), dir.toString());
  }

  @Test
  void append_tooLargeFile_saysTooLarge() throws Exception {
    Path big = Files.write(dir.resolve("big.bin"), new byte[LogRecord.MAX_DATA_BYTES + 1]);
    assertError("file", "castellan log append: data file " + big + ": too large (" + (LogRecord.MAX_DATA_BYTES + 1)
        + " bytes, at most " + LogRecord.MAX_DATA_BYTES + ")", "log", "append", "--data", data(), big.toString());
  }

  @Test
  void append_unreadableFile_permissionDenied() throws Exception {
    Path locked = Files.writeString(dir.resolve("locked.bin"), "x");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    // root reads any file whatever its mode: there the case cannot happen, so it cannot be tested.
    assumeFalse(Files.isReadable(locked), "running as root: a mode-000 file is still readable");
    assertError("file", "castellan log append: data file " + locked + ": not readable (permission denied)",
        "log", "append", "--data", data(), locked.toString());
  }

  @Test
  void append_secondFileMissing_appendsNothing() throws Exception {
    Path first = Files.writeString(dir.resolve("a.bin"), "a");
    assertThat(run("log", "append", "--data", data(), first.toString(), dir.resolve("typo.bin").toString())).isEqualTo(1);
    assertThat(err).contains("typo.bin: does not exist");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void export_intoMissingDirectory_namesTheDirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("a.bin"), "a");
    assertThat(run("log", "append", "--data", data(), file.toString())).as(err).isZero();
    Path car = dir.resolve("no-such-dir").resolve("out.car");
    assertError("file", "castellan log export: " + car + ": its directory " + car.getParent() + " does not exist",
        "log", "export", "--data", data(), "--out", car.toString());
  }

  @Test
  void readCommand_withoutData_saysTheDirectoryDoesNotExist() throws Exception {
    assertError("file", "castellan log checkpoint: data directory " + data()
        + ": does not exist (append a record first, or pass --data DIR)", "log", "checkpoint", "--data", data());
  }

  @Test
  void network_connectionRefused_namesTheUrl() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    assertError("network", "castellan log checkpoint: GET " + url + "/v1/log/checkpoint: cannot connect to " + url
        + "/: connection refused (is the server running, on this port?)", "log", "checkpoint", "--url", url);
  }

  @Test
  void network_httpsUrlAnsweredByAStallingPlainHttpServer_saysSo() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "plain".getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      // The JDK's server waits for a line end that a ClientHello never sends: the handshake
      // stalls until the connect timeout (10 s), then a plain request tells what it is. Once
      // only (text); the JSON form is checked with the server that answers at once.
      String hostPort = "127.0.0.1:" + server.getAddress().getPort();
      assertThat(run("log", "checkpoint", "--url", "https://" + hostPort, "--insecure-tls")).isEqualTo(1);
      assertThat(err.lines().toList()).containsExactly("castellan log checkpoint: https://" + hostPort
          + "/ answered plain HTTP, not TLS: use http://" + hostPort + "/ for a server started with --plain-http");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void network_httpsUrlAnsweredAtOnceByPlainHttp_saysSo() throws Exception {
    // A server that answers anything with an HTTP error, as most do with a TLS ClientHello.
    try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread answering = Thread.ofVirtual().start(() -> {
        while (!socket.isClosed()) {
          try (var client = socket.accept()) {
            client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      String hostPort = "127.0.0.1:" + socket.getLocalPort();
      assertError("network", "castellan log key: https://" + hostPort + "/ answered plain HTTP, not TLS: use http://"
          + hostPort + "/ for a server started with --plain-http", "log", "key", "--url", "https://" + hostPort);
      socket.close();
      answering.join();
    }
  }

  @Test
  void network_httpUrlAnsweredByTls_saysSo() throws Exception {
    Path serverData = Files.createDirectories(dir.resolve("server"));
    Path image = Files.writeString(serverData.resolve("image.jar"), "image");
    java.security.SecureRandom random = new java.security.SecureRandom();
    var info = new dev.castellan.server.oracle.OracleInfo("test", java.util.Optional.empty(), java.util.Optional.empty());
    var device = dev.castellan.attestation.simulator.SimulatedNitroDevice.boot(
        dev.castellan.attestation.simulator.SimulatorHome.open(serverData, java.time.Clock.systemUTC(), random),
        dev.castellan.server.oracle.ApplicationMeasurement.of(java.util.List.of(image), info), java.time.Clock.systemUTC(), random);
    try (var oracle = dev.castellan.server.oracle.Oracle.boot(
        dev.castellan.server.ServerConfig.defaults().withDataDirectory(serverData).withPort(0).withTls(true),
        new dev.castellan.attestation.simulator.SimulatedNitroTee(device), info, java.time.Clock.systemUTC(), random)) {
      String hostPort = URI.create(oracle.baseUrl()).getAuthority();
      assertError("network", "castellan log key: http://" + hostPort + "/ answered with TLS, not plain HTTP: use https://"
          + hostPort + "/ (with --insecure-tls for an oracle's self-signed certificate)", "log", "key", "--url", "http://" + hostPort);
    }
  }

  @Test
  void network_urlWithPassword_neverPrintsIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertThat(run("log", "key", "--url", "http://user:hunter2@127.0.0.1:" + port)).isEqualTo(1);
    assertThat(err).contains("connection refused").doesNotContain("hunter2").doesNotContain("user:");
  }

  @Test
  void usageError_fromACommand_exit2WithHint_andJson() throws Exception {
    assertThat(run("log", "proof", "--data", data())).isEqualTo(2);
    assertThat(err.lines().toList()).containsExactly(
        "castellan log proof: give either INDEX|CID (inclusion) or --from M (consistency)", "see 'castellan log proof --help'");
    assertThat(run("log", "proof", "--data", data(), "--json")).isEqualTo(2);
    assertThat(JSON.readTree(out).get("error").get("kind").asString()).isEqualTo("usage");
  }

  @Test
  void verificationFailure_kindVerification() throws Exception {
    Path file = Files.writeString(dir.resolve("a.bin"), "a");
    assertThat(run("log", "append", "--data", data(), file.toString())).as(err).isZero();
    String foreign = dev.castellan.log.note.NoteSigner.generate("castellan.local/log", new java.security.SecureRandom())
        .verifier().vkey();
    assertThat(run("log", "verify", "--data", data(), "--vkey", foreign, "--json")).isEqualTo(1);
    JsonNode error = JSON.readTree(out).get("error");
    assertThat(error.get("kind").asString()).isEqualTo("verification");
    assertThat(error.get("message").asString()).contains("the checkpoint does not verify");
  }

  @Test
  void missingRecord_kindOperation() throws Exception {
    Path file = Files.writeString(dir.resolve("a.bin"), "a");
    assertThat(run("log", "append", "--data", data(), file.toString())).as(err).isZero();
    assertError("operation", "castellan log get: no record 5 (the log has 1)", "log", "get", "--data", data(), "5");
  }
}
