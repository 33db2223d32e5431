package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.server.ServerConfig;
import dev.castellan.testkit.OpenSsl;
import fr.acinq.secp256k1.Secp256k1;
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

/**
 * {@code POST /v1/sign} over real HTTP, with every signature checked by an implementation
 * that is not ours: libsecp256k1 (through its JNI build) for BIP-340, and the openssl CLI
 * for ECDSA secp256k1.
 */
class OracleSignTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** SubjectPublicKeyInfo prefix for an uncompressed secp256k1 key (id-ecPublicKey, secp256k1). */
  private static final String SECP256K1_SPKI_PREFIX = "3056301006072a8648ce3d020106052b8104000a034200";

  @TempDir static Path data;
  private Oracle oracle;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void boot() throws Exception {
    Path image = Files.writeString(data.resolve("image.jar"), "image"); // same bytes every boot: same PCR0
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(
        SimulatorHome.open(data, Clock.systemUTC(), random), ApplicationMeasurement.of(List.of(image), info),
        Clock.systemUTC(), random);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false);
    oracle = Oracle.boot(config, new SimulatedNitroTee(device), info, Clock.systemUTC(), random);
  }

  @AfterEach
  void stop() {
    oracle.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String bearer() throws Exception {
    return "Bearer " + Files.readString(oracle.operatorTokenFile().orElseThrow()).strip();
  }

  private HttpResponse<String> post(String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/v1/sign"))
        .header("Content-Type", "application/json").header("Authorization", bearer()).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void signBip340_payload_verifiesWithLibsecp256k1() throws Exception {
    byte[] payload = "pay 1 BTC to Alice".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        post("{\"scheme\":\"bip340\",\"payload\":\"" + Base64.getEncoder().encodeToString(payload) + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    byte[] digest = HashAlgorithm.SHA_256.hash(payload);
    assertThat(body.get("digest").asString()).isEqualTo(Hex.encode(digest));
    byte[] xOnly = Hex.decode(body.get("publicKey").asString());
    assertThat(xOnly).isEqualTo(java.util.Arrays.copyOfRange(oracle.signingPublicKey(), 1, 33));
    byte[] signature = Hex.decode(body.get("signature").asString());
    assertThat(Secp256k1.get().verifySchnorr(signature, digest, xOnly)).isTrue();
    signature[10] ^= 1;
    assertThat(Secp256k1.get().verifySchnorr(signature, digest, xOnly)).isFalse();
  }

  @Test
  void signEcdsa_digest_verifiesWithOpenssl(@TempDir Path work) throws Exception {
    byte[] digest = HashAlgorithm.SHA_256.hash("ledger entry 42".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = post("{\"scheme\":\"ecdsa\",\"digest\":\"" + Hex.encode(digest) + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    byte[] compressed = Hex.decode(body.get("publicKey").asString());
    assertThat(compressed).isEqualTo(oracle.signingPublicKey());
    byte[] uncompressed = Secp256k1.get().pubkeyParse(compressed);
    byte[] spki = Hex.decode(SECP256K1_SPKI_PREFIX + Hex.encode(uncompressed));
    Files.writeString(work.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spki)
        + "\n-----END PUBLIC KEY-----\n");
    Files.write(work.resolve("digest.bin"), digest);
    Files.write(work.resolve("sig.der"), Hex.decode(body.get("signature").asString()));
    OpenSsl.Result result = OpenSsl.run(work, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem",
        "-in", "digest.bin", "-sigfile", "sig.der");
    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).contains("Signature Verified Successfully");
  }

  @Test
  void everySignature_isALogRecordSignedByTheRecordKey_foundByItsDigest() throws Exception {
    String recordKey = JSON.readTree(get("/v1/info").body()).get("recordKey").asString();
    byte[] digest = HashAlgorithm.SHA_256.hash("audited".getBytes(StandardCharsets.UTF_8));
    JsonNode body = JSON.readTree(post("{\"scheme\":\"bip340\",\"digest\":\"" + Hex.encode(digest) + "\"}").body());
    JsonNode receipt = body.get("record");
    assertThat(receipt.get("duplicate").asBoolean()).isFalse();
    assertThat(receipt.get("checkpoint").asString()).startsWith("castellan.local/log\n");

    // The record as stored: signed by the record key, holding exactly what was returned.
    HttpResponse<byte[]> stored = http.send(HttpRequest.newBuilder(
        URI.create(oracle.baseUrl() + "/v1/log/records/" + receipt.get("cid").asString())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    dev.castellan.log.LogRecord record = dev.castellan.log.LogRecord.decode(stored.body());
    record.verifySignature();
    assertThat(Hex.encode(record.pubkey())).isEqualTo(recordKey);
    SignatureRecord signed = SignatureRecord.decode(record.data());
    assertThat(signed.scheme()).isEqualTo("bip340");
    assertThat(Hex.encode(signed.signature())).isEqualTo(body.get("signature").asString());
    assertThat(Hex.encode(signed.publicKey())).isEqualTo(body.get("publicKey").asString());
    assertThat(Secp256k1.get().verifySchnorr(signed.signature(), signed.digest(), signed.publicKey())).isTrue();

    // Found by its digest: scanning the log, as an auditor would.
    long size = receipt.get("treeSize").asLong();
    List<Long> found = new java.util.ArrayList<>();
    for (long i = 0; i < size; i++) {
      byte[] bytes = http.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/v1/log/records/" + i)).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body();
      byte[] data = dev.castellan.log.LogRecord.decode(bytes).data();
      if (java.util.Arrays.equals(SignatureRecord.decode(data).digest(), digest)) {
        found.add(i);
      }
    }
    assertThat(found).containsExactly(receipt.get("index").asLong());
  }

  @Test
  void recordKey_survivesARestartOfTheSameBuild() throws Exception {
    String before = JSON.readTree(get("/v1/info").body()).get("recordKey").asString();
    oracle.close();
    boot();
    assertThat(JSON.readTree(get("/v1/info").body()).get("recordKey").asString()).isEqualTo(before);
    assertThat(Files.readAllBytes(data.resolve(RecordKey.FILE))).as("sealed, never the seed in the clear")
        .hasSizeGreaterThan(32);
  }

  @Test
  void sign_badRequests_areClear400s() throws Exception {
    assertThat(post("not json").body()).contains("not valid JSON");
    assertThat(post("{\"scheme\":\"rsa\",\"digest\":\"" + "00".repeat(32) + "\"}").body()).contains("'scheme' must be");
    assertThat(post("{\"digest\":\"00\"}").body()).contains("64 hex digits");
    assertThat(post("{\"payload\":\"AA==\",\"digest\":\"" + "00".repeat(32) + "\"}").body()).contains("exactly one");
    assertThat(post("{\"payload\":\"AA==\",\"extra\":1}").body()).contains("unknown field 'extra'");
    assertThat(post("{\"payload\":\"AA==\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void sign_bodyOverLimit_is413() throws Exception {
    String big = "{\"payload\":\"" + "A".repeat(ServerConfig.DEFAULT_MAX_BODY_BYTES) + "\"}";
    HttpResponse<String> response = post(big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("payload_too_large");
  }

  @Test
  void everyResponse_carriesAttestationSignatureHeaders() throws Exception {
    for (String path : List.of("/v1/info", "/v1/enclave-info", "/healthz", "/metrics", "/nope")) {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.headers().firstValue("X-Attestation-Signature")).as(path).isPresent();
      assertThat(response.headers().firstValue("X-Attestation-Pubkey")).as(path).isPresent();
    }
  }
}
