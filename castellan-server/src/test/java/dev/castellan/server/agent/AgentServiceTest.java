package dev.castellan.server.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castellan.attestation.DeviceUnavailableException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.composition.ReportData;
import dev.castellan.attestation.composition.ServiceLeaf;
import dev.castellan.attestation.composition.ServiceTree;
import dev.castellan.attestation.image.ImageHash;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.smt.SmtProof;
import dev.castellan.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The agent's HTTP API on loopback, with the simulated SEV-SNP attester. */
class AgentServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  /** One simulator for the class: creating its vendor hierarchy (an RSA-4096 ARK among it) takes seconds. */
  @TempDir static Path dir;
  private static SimulatorHome home;
  private AgentService agent;
  private ServiceLeaf echo;
  private ImageHash image;

  @org.junit.jupiter.api.BeforeAll
  static void simulator() throws Exception {
    home = SimulatorHome.open(dir, Clock.systemUTC(), new SecureRandom());
  }

  @BeforeEach
  void start() throws Exception {
    BootMeasurements measurements = BootMeasurements.of(Files.writeString(dir.resolve("fw"), "fw"), new byte[0]);
    image = ImageHash.ofDigest(new byte[32]);
    echo = new ServiceLeaf("echo", new byte[32], Hex.decode("02" + "22".repeat(32)));
    AgentConfig config = new AgentConfig(image, List.of(new AgentConfig.Service(echo, Optional.empty())),
        new AgentConfig.Gpu.None());
    AgentAttester attester = AgentDevices.simulator(Platform.SEV_SNP, home, measurements, Clock.systemUTC(),
        new SecureRandom());
    agent = AgentService.start(ServerConfig.defaults().withDataDirectory(dir).withPort(0).withTls(false), attester, config,
        nonce -> {
          if (nonce[0] == 0x7f) {
            throw new DeviceUnavailableException("gpu.device", "the GPU is busy");
          }
          return Optional.empty();
        }, Clock.systemUTC(), new SecureRandom());
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  @Test
  void theEvidenceBindsTheNonceAndTheComponents() throws Exception {
    byte[] nonce = new byte[32];
    new SecureRandom().nextBytes(nonce);
    nonce[0] = 1;
    JsonNode body = getJson("/attestation?nonce=" + Hex.encode(nonce), 200);
    assertEquals(Hex.encode(nonce), body.get("nonce").asString());
    assertEquals("sev-snp", body.get("platform").asString());
    assertTrue(body.get("simulated").asBoolean());
    assertTrue(body.get("gpu").isNull());
    assertTrue(body.get("components").get("gpuDigest").isNull());
    byte[] expected = ReportData.compute(nonce, image.digest(), ServiceTree.of(List.of(echo)).root(), new byte[32]);
    assertEquals(Hex.encode(expected), body.get("reportData").asString());
    byte[] report = Base64.getDecoder().decode(body.get("evidence").asString());
    // REPORT_DATA is at offset 0x50 of the SEV-SNP ATTESTATION_REPORT (AMD spec 56860, table 23).
    assertArrayEquals(expected, java.util.Arrays.copyOfRange(report, 0x50, 0x50 + 64));
    assertEquals("vcek", body.get("collateral").get(0).get("kind").asString());
  }

  @Test
  void proofsForPresentAndAbsentServicesVerifyAgainstTheListedRoot() throws Exception {
    JsonNode services = getJson("/services", 200);
    byte[] root = Hex.decode(services.get("root").asString());
    assertEquals("echo", services.get("services").get(0).get("name").asString());
    assertTrue(services.get("services").get(0).get("url").isNull());

    JsonNode present = getJson("/smt/proof?service=echo", 200);
    assertTrue(present.get("member").asBoolean());
    assertTrue(SmtProof.decode(Hex.decode(present.get("proof").asString()))
        .verifiesMembership(root, echo.key(), echo.value()));
    JsonNode absent = getJson("/smt/proof?service=db", 200);
    assertFalse(absent.get("member").asBoolean());
    assertFalse(absent.has("publicKey"));
    assertTrue(SmtProof.decode(Hex.decode(absent.get("proof").asString()))
        .verifiesNonMembership(root, ServiceLeaf.key("db")));
  }

  @Test
  void badRequestsAreRefusedWithTheReason() throws Exception {
    assertTrue(get("/attestation", 400).contains("missing query parameter 'nonce'"));
    assertTrue(get("/attestation?nonce=abcd", 400).contains("must be 32 bytes, 64 hex digits, got 2 bytes"));
    assertTrue(get("/attestation?nonce=zz", 400).contains("must be hex"));
    assertTrue(get("/smt/proof", 400).contains("missing query parameter 'service'"));
    assertTrue(get("/smt/proof?service=..%2F", 400).contains("a service name is"));
    assertTrue(get("/attestation?nonce=7f" + "00".repeat(31), 503).contains("the GPU is busy"));
    get("/nothing", 404);
  }

  private JsonNode getJson(String path, int status) throws Exception {
    return JSON.readTree(get(path, status));
  }

  private String get(String path, int status) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(agent.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(status, response.statusCode(), path + ": " + response.body());
    return response.body();
  }
}
