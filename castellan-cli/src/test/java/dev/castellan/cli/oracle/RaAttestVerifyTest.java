package dev.castellan.cli.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.cli.Cli;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import dev.castellan.server.ra.RaOptions;
import dev.castellan.server.ra.RaUserData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A per-file document of the RA web API, fetched over HTTP from an oracle mounted the way
 * {@code castellan up --ra-root} mounts it, verifies with {@code castellan attest verify}
 * (in-process) against the user data a relying party computes from the file, the path, the
 * published VRF key and the verified proof; with another file's hash it does not.
 */
class RaAttestVerifyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void document_verifiesWithAttestVerify_againstTheRecomputedUserData_andNotAgainstAnother() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.writeString(root.resolve("app.conf"), "port = 8080\n");
    Path data = Files.createDirectories(tmp.resolve("data"));
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    SimulatorHome home = SimulatorHome.open(data, Clock.systemUTC(), random);
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(home, ApplicationMeasurement.ofRunningApplication(info),
        Clock.systemUTC(), random);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false);
    try (Oracle oracle = Oracle.boot(Oracle.bind(config, Clock.systemUTC(), random), new SimulatedNitroTee(device),
        Optional.empty(), info, Oracle.Access.OPEN, RaUpOptions.extensions(Optional.of(RaOptions.of(root)), home),
        Clock.systemUTC(), random)) {
      String base = oracle.baseUrl();
      HttpResponse<String> started = client.send(HttpRequest.newBuilder(URI.create(base + "/ra/generate"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"app.conf\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(started.statusCode()).isEqualTo(202);
      while (json(base + "/ra/generate/status").get("state").asString().equals("running")) {
        Thread.sleep(20);
      }
      byte[] document = client.send(HttpRequest.newBuilder(URI.create(base + "/ra/doc/?path=app.conf&view=bin")).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body();
      Path file = Files.write(tmp.resolve("app.conf.doc"), document);

      // What a relying party does: hash the file itself, verify the proof with the published key.
      byte[] hash = MessageDigest.getInstance("SHA3-512").digest(Files.readAllBytes(root.resolve("app.conf")));
      JsonNode proof = json(base + "/ra/proof/?path=app.conf");
      byte[] key = Hex.decode(json(base + "/ra/pubkeys/").get("vrf").get("publicKey").asString());
      var suite = dev.castellan.core.vrf.EcvrfSuite.P256_SHA256_TAI;
      byte[] beta = dev.castellan.core.vrf.Ecvrf.verify(dev.castellan.core.vrf.EcvrfPublicKey.fromBytes(suite, key),
          Hex.decode(proof.get("proof").asString()), hash);
      byte[] userData = RaUserData.of(suite, hash, "app.conf", key, beta).encode();
      String pcr0 = Hex.encode(device.pcr(0));

      Cli verified = Cli.run("attest", "verify", file.toString(), "--report-data", Hex.encode(userData),
          "--allow-simulated", "--data", data.toString(), "--expected-pcr0", pcr0);
      assertThat(verified.exitCode()).as(verified.toString()).isZero();
      assertThat(verified.verdict()).startsWith("VERIFIED");

      byte[] otherHash = MessageDigest.getInstance("SHA3-512").digest("port = 9090\n".getBytes());
      byte[] other = RaUserData.of(suite, otherHash, "app.conf", key, beta).encode();
      Cli refused = Cli.run("attest", "verify", file.toString(), "--report-data", Hex.encode(other),
          "--allow-simulated", "--data", data.toString(), "--expected-pcr0", pcr0);
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
      assertThat(refused.verdict()).startsWith("NOT VERIFIED");
    }
  }

  @Test
  void up_refusesBadRaOptions_beforeBinding() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    List<List<String>> cases = List.of(
        List.of("--ra-root", root.toString(), "--ra-vrf-suite", "SECP384R1_SHA384_TAI"),
        List.of("--ra-root", root.toString(), "--ra-store", "redis://127.0.0.1:6379"),
        List.of("--ra-root", root.toString(), "--ra-max-files", "0"),
        List.of("--ra-root", tmp.resolve("absent").toString()),
        List.of("--ra-store", "embedded"));
    for (List<String> options : cases) {
      List<String> args = new java.util.ArrayList<>(List.of("up", "--port", "0", "--plain-http", "--data",
          tmp.resolve("data").toString()));
      args.addAll(options);
      Cli run = Cli.run(args);
      assertThat(run.exitCode()).as(options + "\n" + run).isEqualTo(2);
      assertThat(Files.exists(tmp.resolve("data"))).as("nothing created for " + options).isFalse();
    }
  }

  private JsonNode json(String url) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
