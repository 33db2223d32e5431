package dev.castellan.server.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.ByteString;
import dev.castellan.attestation.VerifierSet;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.simulator.BootMeasurements;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.hpke.Hpke;
import dev.castellan.core.hpke.HpkePrivateKey;
import dev.castellan.keys.MeasurementSealer;
import dev.castellan.keys.Sealer;
import dev.castellan.keys.broker.BrokerProtocol;
import dev.castellan.keys.broker.Decision;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The broker over real HTTP on loopback: administration with tokens, release by evidence, the lock, the log. */
class BrokerHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path temp;
  private final HttpClient http = HttpClient.newHttpClient();
  private SimulatorHome home;
  private Sealer sealer;
  private VerifierSet verifiers;
  private BrokerService service;

  @BeforeEach
  void setUp() throws Exception {
    home = SimulatorHome.open(temp.resolve("enclave"), Clock.systemUTC(), RANDOM);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    sealer = MeasurementSealer.create(SecretBytes.copyOf(secret), "broker".getBytes(StandardCharsets.US_ASCII), RANDOM);
    verifiers = VerifierSet.of(NitroVerifier.create(home.nitroTrustAnchors()));
    service = start();
  }

  @AfterEach
  void tearDown() {
    if (service != null) {
      service.close();
    }
  }

  private BrokerService start() throws Exception {
    ServerConfig config = ServerConfig.defaults().withDataDirectory(temp.resolve("broker")).withPort(0).withTls(false);
    return BrokerService.start(config, sealer, verifiers, Clock.systemUTC(), RANDOM);
  }

  private static String pcr(int fill) {
    byte[] b = new byte[48];
    Arrays.fill(b, (byte) fill);
    return Hex.encode(b);
  }

  private static String policy(int fill) {
    String appraisal = "{\"acceptSimulated\": true, \"nitro\": {\"pcrs\": {\"0\": [\"" + pcr(fill) + "\"]}}}";
    return "{\"version\": 1, \"admins\": [\"operator\"], \"decrypt\": " + appraisal + ", \"release\": " + appraisal + "}";
  }

  private SimulatedNitroDevice enclave(int fill) {
    return SimulatedNitroDevice.boot(home, new BootMeasurements(Path.of("e.jar"), new byte[48], "jvm", new byte[0]),
        Clock.systemUTC(), RANDOM, SimulatedNitroDevice.BootOptions.defaults().withPcr(0, ByteString.of(Hex.decode(pcr(fill)))));
  }

  private String token() throws Exception {
    return Files.readString(service.operatorTokenFile()).trim();
  }

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + path));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) {
    return JSON.readTree(r.body());
  }

  private record Released(HttpResponse<String> response, HpkePrivateKey ephemeral) {}

  private Released release(SimulatedNitroDevice device) throws Exception {
    JsonNode challenge = json(send("POST", "/v1/broker/keys/oracle/challenge", null, null));
    HpkePrivateKey ephemeral = Hpke.generateKeyPair(BrokerProtocol.SUITE.kem(), RANDOM);
    byte[] nonce = Base64.getDecoder().decode(challenge.get("nonce").asString());
    byte[] evidence = device.attestationDocument(null, BrokerProtocol.binding(nonce, ephemeral.publicKey().toBytes()), null);
    String body = JSON.writeValueAsString(JSON.createObjectNode()
        .put("challengeId", challenge.get("challengeId").asString())
        .put("evidence", Base64.getEncoder().encodeToString(evidence))
        .put("ephemeralKey", Base64.getEncoder().encodeToString(ephemeral.publicKey().toBytes())));
    return new Released(send("POST", "/v1/broker/keys/oracle/release", body, null), ephemeral);
  }

  @Test
  void createReleaseLockRestart_overHttp_everyDecisionLogged() throws Exception {
    assertThat(send("POST", "/v1/broker/keys/oracle", policy(0x11), null).statusCode()).isEqualTo(401);
    HttpResponse<String> created = send("POST", "/v1/broker/keys/oracle", policy(0x11), token());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).get("locked").asBoolean()).isFalse();
    assertThat(json(send("GET", "/v1/broker/keys/oracle", null, null)).get("policyDigest").asString())
        .isEqualTo(Hex.encode(dev.castellan.core.hash.HashAlgorithm.SHA_256.hash(policy(0x11).getBytes(StandardCharsets.UTF_8))));

    Released ok = release(enclave(0x11));
    assertThat(ok.response().statusCode()).as(ok.response().body()).isEqualTo(200);
    JsonNode answer = json(ok.response());
    byte[] material = Hpke.open(BrokerProtocol.SUITE, Base64.getDecoder().decode(answer.get("enc").asString()), ok.ephemeral(),
        BrokerProtocol.RELEASE_INFO, BrokerProtocol.answerAad("oracle", Hex.decode(answer.get("policyDigest").asString())),
        Base64.getDecoder().decode(answer.get("ciphertext").asString()));
    assertThat(material).hasSize(32);

    HttpResponse<String> wrong = release(enclave(0x22)).response();
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(json(wrong).get("error").asString()).isEqualTo("refused");
    assertThat(json(wrong).get("check").asString()).isEqualTo("policy.nitro.measurement");

    assertThat(send("POST", "/v1/broker/keys/oracle/lock", null, token()).statusCode()).isEqualTo(200);
    HttpResponse<String> put = send("PUT", "/v1/broker/keys/oracle/policy", policy(0x22), token());
    assertThat(put.statusCode()).isEqualTo(409);
    assertThat(json(put).get("check").asString()).isEqualTo("broker.locked");
    assertThat(json(send("DELETE", "/v1/broker/keys/oracle", null, token())).get("check").asString()).isEqualTo("broker.locked");

    service.close();
    service = start();
    assertThat(json(send("GET", "/v1/broker/keys/oracle", null, null)).get("locked").asBoolean()).isTrue();
    assertThat(json(send("POST", "/v1/broker/keys/oracle/lock", null, token())).get("check").asString()).isEqualTo("broker.locked");
    assertThat(release(enclave(0x11)).response().statusCode()).isEqualTo(200);

    List<String> logged = new ArrayList<>();
    for (long i = 0; i < service.log().size(); i++) {
      Decision d = DecisionRecord.decode(service.log().record(i).data()).orElseThrow();
      logged.add(d.action() + ":" + (d.accepted() ? "ok" : d.failedCheck().orElseThrow()));
    }
    assertThat(logged).containsExactly("create:ok", "release:ok", "release:policy.nitro.measurement", "lock:ok",
        "put-policy:broker.locked", "delete:broker.locked", "lock:broker.locked", "release:ok");
  }

  @Test
  void aFloodOfRefusedReleases_isThrottledInTheLog_andCountedInFullWhenTheBrokerStops() throws Exception {
    assertThat(send("POST", "/v1/broker/keys/oracle", policy(0x11), token()).statusCode()).isEqualTo(201);
    String bogus = "{\"challengeId\": \"none\", \"evidence\": \"AA==\", \"ephemeralKey\": \"AA==\"}";
    for (int i = 0; i < 25; i++) {
      HttpResponse<String> refused = send("POST", "/v1/broker/keys/oracle/release", bogus, null);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    }
    service.close();
    service = null;
    BrokerService reopened = start();
    try {
      List<Decision> refusals = new ArrayList<>();
      for (long i = 0; i < reopened.log().size(); i++) {
        Decision d = DecisionRecord.decode(reopened.log().record(i).data()).orElseThrow();
        if (!d.accepted()) {
          refusals.add(d);
        }
      }
      assertThat(refusals).hasSize(11);
      assertThat(refusals.subList(0, 10)).allMatch(d -> d.suppressed() == 0 && d.failedCheck().orElseThrow().equals("broker.challenge-unknown"));
      assertThat(refusals.getLast().suppressed()).as("the summary, read back from the log").isEqualTo(15);
      assertThat(refusals.getLast().failedCheck()).contains("broker.challenge-unknown");
    } finally {
      reopened.close();
    }
  }

  @Test
  void badRequests_areRefusedWithTheFrontsErrors() throws Exception {
    assertThat(send("POST", "/v1/broker/keys/Bad..Id", policy(1), token()).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/v1/broker/keys/k/frobnicate", "{}", null).statusCode()).isEqualTo(404);
    HttpResponse<String> policy = send("POST", "/v1/broker/keys/k", "{\"version\": 1}", token());
    assertThat(policy.statusCode()).isEqualTo(400);
    assertThat(json(policy).get("check").asString()).isEqualTo("broker.policy");
    assertThat(send("POST", "/v1/broker/keys/k/release", "{\"challengeId\": \"x\", \"extra\": 1}", null).statusCode())
        .isEqualTo(400);
    assertThat(json(send("POST", "/v1/broker/keys/none/challenge", null, null)).get("check").asString())
        .isEqualTo("broker.key-unknown");
    assertThat(send("POST", "/v1/broker/keys/k/release", "x".repeat(BrokerApi.MAX_DATA_BODY + 1), null).statusCode())
        .isEqualTo(413);
  }
}
