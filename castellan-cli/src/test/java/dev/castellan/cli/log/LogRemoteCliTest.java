package dev.castellan.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.CastellanCommand;
import dev.castellan.cli.oracle.TamperingProxy;
import dev.castellan.core.ipld.CarReader;
import dev.castellan.log.LogRecord;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.ConsistencyProof;
import dev.castellan.log.merkle.InclusionProof;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.NoteSigner;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The log commands with {@code --url} against an oracle booted on the simulator (plain HTTP). */
class LogRemoteCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path serverData;
  private static Oracle oracle;
  private static String url;
  @TempDir Path dir;
  private String out;
  private String err;

  @BeforeAll
  static void boot() throws Exception {
    Path image = Files.writeString(serverData.resolve("image.jar"), "image");
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(serverData, Clock.systemUTC(), random),
        ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    oracle = Oracle.boot(ServerConfig.defaults().withDataDirectory(serverData).withPort(0).withTls(false),
        new SimulatedNitroTee(device), info, Clock.systemUTC(), random);
    url = oracle.baseUrl();
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

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

  private JsonNode append(String content, String keyType) throws Exception {
    Path file = Files.writeString(dir.resolve("in.bin"), content);
    assertThat(run("log", "append", "--url", url, "--key-dir", dir.resolve("keys").toString(), file.toString(),
        "--key-type", keyType, "--json", "--token-file", oracle.operatorTokenFile().orElseThrow().toString()))
        .as(err).isZero();
    return JSON.readTree(out);
  }

  private String vkey() {
    return oracle.log().checkpointVerifier().vkey();
  }

  @Test
  void appendGetKeyCheckpointProof_overUrl_roundTrip() throws Exception {
    JsonNode first = append("remote first", "ED25519");
    JsonNode second = append("remote second", "ECDSA_P256");
    assertThat(append("remote first", "ED25519").get("duplicate").asBoolean()).isTrue();
    String cid = first.get("cid").asString();
    long index = second.get("index").asLong();

    assertThat(run("log", "key", "--url", url)).as(err).isZero();
    assertThat(out.strip()).isEqualTo(vkey());
    NoteVerifier key = NoteVerifier.parse(out.strip());

    assertThat(run("log", "checkpoint", "--url", url)).as(err).isZero();
    SignedCheckpoint checkpoint = SignedCheckpoint.open(out.getBytes(StandardCharsets.UTF_8), key.name(), key);
    assertThat(checkpoint.checkpoint().size()).isGreaterThan(index);

    Path raw = dir.resolve("record.cbor");
    assertThat(run("log", "get", "--url", url, cid, "--raw", "--out", raw.toString())).as(err).isZero();
    LogRecord fetched = LogRecord.decode(Files.readAllBytes(raw));
    assertThat(fetched.cid()).isEqualTo(cid);
    assertThat(fetched.data()).isEqualTo("remote first".getBytes(StandardCharsets.UTF_8));
    fetched.verifySignature();
    assertThat(run("log", "get", "--url", url, cid, "--json")).as(err).isZero();
    assertThat(JSON.readTree(out).get("index").asLong()).isEqualTo(first.get("index").asLong());

    assertThat(run("log", "proof", "--url", url, Long.toString(index), "--json")).as(err).isZero();
    JsonNode proof = JSON.readTree(out);
    assertThat(run("log", "get", "--url", url, Long.toString(index), "--raw", "--out", raw.toString())).as(err).isZero();
    InclusionProof.verify(index, proof.get("treeSize").asLong(), TreeHasher.leafHash(Files.readAllBytes(raw)),
        hexList(proof.get("hashes")), checkpoint.checkpoint().rootHash());

    assertThat(run("log", "proof", "--url", url, "--from", "1", "--json")).as(err).isZero();
    JsonNode consistency = JSON.readTree(out);
    assertThat(run("log", "proof", "--url", url, "0", "--tree-size", "1", "--json")).as(err).isZero();
    byte[] root1 = dev.castellan.core.bytes.Hex.decode(JSON.readTree(out).get("rootHash").asString());
    ConsistencyProof.verify(1, consistency.get("to").asLong(), root1, checkpoint.checkpoint().rootHash(),
        hexList(consistency.get("hashes")));

    assertThat(run("log", "get", "--url", url, "999999")).isEqualTo(1);
    assertThat(err).contains("HTTP 404").contains("no record 999999").doesNotContain("\tat ");
  }

  @Test
  void appendOverUrl_withoutAToken_saysWhatToGive_andAppendsNothing() throws Exception {
    long before = oracle.log().size();
    Path file = Files.writeString(dir.resolve("in.bin"), "no token");
    // No --token-file, and the default data directory (./castellan-data) has no operator token.
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("castellan-data", "authority", "bootstrap.token")),
        "a castellan-data/authority/bootstrap.token in the working directory would be sent");
    assertThat(run("log", "append", "--url", url, "--key-dir", dir.resolve("keys").toString(), file.toString()))
        .as(err).isEqualTo(1);
    assertThat(err.strip()).endsWith("the server needs a capability token: give --token-file FILE (castellan up prints"
        + " the operator's) or set CASTELLAN_TOKEN_FILE");
    Path bad = Files.writeString(dir.resolve("bad.token"), "not a token!");
    assertThat(run("log", "append", "--url", url, "--key-dir", dir.resolve("keys").toString(), "--token-file",
        bad.toString(), file.toString())).isEqualTo(1);
    assertThat(err).contains("token file " + bad + ": does not hold a base64url capability token");
    assertThat(run("log", "append", "--data", dir.toString(), "--token-file", bad.toString(), file.toString())).isEqualTo(2);
    assertThat(err).contains("--token-file applies to --url only");
    assertThat(oracle.log().size()).isEqualTo(before);
  }

  @Test
  void proofJson_isTheSameFromTheCliLocalAndRemote_andFromTheServer() throws Exception {
    append("schema one", "ED25519");
    long index = append("schema two", "ED25519").get("index").asLong();
    long size = index + 1;
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.util.function.Function<String, JsonNode> server = path -> {
      try {
        return JSON.readTree(http.send(java.net.http.HttpRequest.newBuilder(URI.create(url + path)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };

    JsonNode fromServer = server.apply("/v1/log/proof/inclusion?index=" + index + "&size=" + size);
    assertThat(run("log", "proof", "--url", url, Long.toString(index), "--tree-size", Long.toString(size), "--json"))
        .as(err).isZero();
    assertThat(JSON.readTree(out)).isEqualTo(fromServer);
    // The server's own data directory, read-only while it runs: computed from disk, not from the server.
    assertThat(run("log", "proof", "--data", serverData.toString(), Long.toString(index), "--tree-size",
        Long.toString(size), "--json")).as(err).isZero();
    assertThat(JSON.readTree(out)).isEqualTo(fromServer);
    assertThat(fromServer.get("rootHash").asString()).matches("[0-9a-f]{64}");

    JsonNode consistencyFromServer = server.apply("/v1/log/proof/consistency?from=1&to=" + size);
    assertThat(run("log", "proof", "--url", url, "--from", "1", "--tree-size", Long.toString(size), "--json"))
        .as(err).isZero();
    assertThat(JSON.readTree(out)).isEqualTo(consistencyFromServer);
    assertThat(run("log", "proof", "--data", serverData.toString(), "--from", "1", "--tree-size", Long.toString(size),
        "--json")).as(err).isZero();
    assertThat(JSON.readTree(out)).isEqualTo(consistencyFromServer);
  }

  @Test
  void verify_overUrl_withPinnedKeyAndTrustedCheckpoint_ok() throws Exception {
    append("before", "ED25519");
    assertThat(run("log", "checkpoint", "--url", url)).isZero();
    Path trusted = Files.writeString(dir.resolve("trusted.note"), out);
    append("after", "ECDSA_P256");
    assertThat(run("log", "verify", "--url", url, "--vkey", vkey(), "--trusted-checkpoint", trusted.toString()))
        .as(err).isZero();
    assertThat(out).startsWith("OK: ").contains("consistent with the trusted checkpoint");
    assertThat(err).isEmpty();

    assertThat(run("log", "verify", "--url", url)).as(err).isZero();
    assertThat(err).contains("warning: ").contains("self-consistent");
  }

  @Test
  void verify_overUrl_foreignKey_fails() throws Exception {
    append("keyed", "ED25519");
    String foreign = NoteSigner.generate(oracle.log().origin(), new SecureRandom()).verifier().vkey();
    assertThat(run("log", "verify", "--url", url, "--vkey", foreign)).isEqualTo(1);
    assertThat(err).contains("the checkpoint does not verify").doesNotContain("\tat ");
  }

  @Test
  void verify_throughTamperingProxy_namesTheChangedRecord() throws Exception {
    append("one", "ED25519");
    append("two", "ED25519");
    try (TamperingProxy proxy = new TamperingProxy(URI.create(url), (path, body) -> {
      if (path.equals("/v1/log/records/1")) {
        byte[] changed = body.clone();
        changed[changed.length / 2] ^= 0x01;
        return changed;
      }
      return body;
    })) {
      assertThat(run("log", "verify", "--url", proxy.url(), "--vkey", vkey())).isEqualTo(1);
      assertThat(err).contains("--insecure-tls").doesNotContain("\tat ");
      assertThat(run("log", "verify", "--url", proxy.url(), "--insecure-tls", "--vkey", vkey())).isEqualTo(1);
      assertThat(err).startsWith("castellan log verify: record 1:").doesNotContain("\tat ");
      assertThat(run("log", "checkpoint", "--url", proxy.url(), "--insecure-tls")).as(err).isZero();
    }
  }

  @Test
  void exportCar_overUrl_holdsEveryRecord() throws Exception {
    String cid = append("exported", "ED25519").get("cid").asString();
    Path car = dir.resolve("log.car");
    assertThat(run("log", "export", "--url", url, "--out", car.toString())).as(err).isZero();
    try (var in = Files.newInputStream(car); CarReader reader = CarReader.open(in)) {
      List<String> roots = reader.header().roots().stream().map(Object::toString).toList();
      assertThat(roots).contains(cid);
      int blocks = 0;
      for (var block = reader.next(); block != null; block = reader.next()) {
        assertThat(block.cid().toString()).isEqualTo(roots.get(blocks));
        assertThat(LogRecord.decode(block.data()).cid()).isEqualTo(roots.get(blocks));
        blocks++;
      }
      assertThat(blocks).isEqualTo(roots.size()).isEqualTo((int) oracle.log().checkpoint().checkpoint().size());
    }
  }

  @Test
  void dataAndUrlTogether_isAUsageError() {
    assertThat(run("log", "checkpoint", "--data", dir.toString(), "--url", url)).isEqualTo(2);
    assertThat(err).contains("mutually exclusive");
    assertThat(run("log", "tiles", "--url", url, "--out", dir.toString())).isEqualTo(2);
    assertThat(err).contains("data directory only").contains("see 'castellan log tiles --help'");
    assertThat(run("log", "key", "--data", dir.toString(), "--insecure-tls")).isEqualTo(2);
    assertThat(err).contains("--url only");
  }

  private static List<byte[]> hexList(JsonNode node) {
    List<byte[]> out = new ArrayList<>();
    node.forEach(n -> out.add(dev.castellan.core.bytes.Hex.decode(n.asString())));
    return out;
  }
}
