package dev.castellan.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.log.LogRecord;
import dev.castellan.log.RecordSigner;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.ConsistencyProof;
import dev.castellan.log.merkle.InclusionProof;
import dev.castellan.log.merkle.TreeHasher;
import dev.castellan.log.note.NoteVerifier;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The log endpoints over real HTTP, checked the way an offline verifier would check them. */
class LogApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path data;
  private static Oracle oracle;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final RecordSigner SIGNER = RecordSigner.ed25519(Ed25519PrivateKey.generate(new SecureRandom()));

  @BeforeAll
  static void boot() throws Exception {
    Path image = Files.writeString(data.resolve("image.jar"), "image");
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(data, Clock.systemUTC(), random),
        ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    oracle = Oracle.boot(ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false),
        new SimulatedNitroTee(device), info, Clock.systemUTC(), random);
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  /** The operator's token, as the oracle keeps it renewed in the data directory. */
  static String bearer() throws Exception {
    return "Bearer " + java.nio.file.Files.readString(oracle.operatorTokenFile().orElseThrow()).strip();
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode append(byte[] record) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/v1/log/records"))
        .header("Content-Type", "application/cbor").header("Authorization", bearer())
        .POST(HttpRequest.BodyPublishers.ofByteArray(record)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<byte[]> hashes(JsonNode array) {
    return array.valueStream().map(n -> Hex.decode(n.asString())).toList();
  }

  @Test
  void append_returnsCidIndexAndAProofAgainstASignedCheckpoint() throws Exception {
    LogRecord record = SIGNER.sign("evidence #1".getBytes(StandardCharsets.UTF_8));
    JsonNode receipt = append(record.encoded());
    assertThat(receipt.get("cid").asString()).isEqualTo(record.cid());
    long index = receipt.get("index").asLong();

    SignedCheckpoint checkpoint = SignedCheckpoint.open(receipt.get("checkpoint").asString().getBytes(StandardCharsets.UTF_8),
        oracle.log().origin(), oracle.log().checkpointVerifier());
    InclusionProof.verify(index, checkpoint.checkpoint().size(), TreeHasher.leafHash(record.encoded()),
        hashes(receipt.get("inclusionProof")), checkpoint.checkpoint().rootHash());

    assertThat(get("/v1/log/records/" + index).body()).isEqualTo(record.encoded());
    assertThat(get("/v1/log/records/" + record.cid()).body()).isEqualTo(record.encoded());
    assertThat(append(record.encoded()).get("duplicate").asBoolean()).isTrue();
  }

  @Test
  void proofs_verifyAgainstPublishedCheckpoints() throws Exception {
    append(SIGNER.sign("a".getBytes(StandardCharsets.UTF_8)).encoded());
    SignedCheckpoint first = SignedCheckpoint.open(get("/v1/log/checkpoint").body(), oracle.log().origin(), oracle.log().checkpointVerifier());
    LogRecord last = SIGNER.sign("b".getBytes(StandardCharsets.UTF_8));
    long lastIndex = append(last.encoded()).get("index").asLong();
    SignedCheckpoint second = SignedCheckpoint.open(get("/v1/log/checkpoint").body(), oracle.log().origin(), oracle.log().checkpointVerifier());

    JsonNode inclusion = JSON.readTree(get("/v1/log/proof/inclusion?index=" + lastIndex + "&size=" + second.checkpoint().size()).body());
    InclusionProof.verify(lastIndex, second.checkpoint().size(), TreeHasher.leafHash(last.encoded()),
        hashes(inclusion.get("hashes")), second.checkpoint().rootHash());

    JsonNode consistency = JSON.readTree(get("/v1/log/proof/consistency?from=" + first.checkpoint().size()
        + "&to=" + second.checkpoint().size()).body());
    ConsistencyProof.verify(first.checkpoint().size(), second.checkpoint().size(), first.checkpoint().rootHash(),
        second.checkpoint().rootHash(), hashes(consistency.get("hashes")));
  }

  @Test
  void proofsAndReceipt_haveTheDocumentedSchema_inLowerCaseHex() throws Exception {
    LogRecord record = SIGNER.sign("schema".getBytes(StandardCharsets.UTF_8));
    JsonNode receipt = append(record.encoded());
    assertThat(fieldNames(receipt)).containsExactly("cid", "index", "duplicate", "treeSize", "checkpoint", "inclusionProof");
    SignedCheckpoint checkpoint = SignedCheckpoint.open(get("/v1/log/checkpoint").body(), oracle.log().origin(),
        oracle.log().checkpointVerifier());
    long size = checkpoint.checkpoint().size();
    assertThat(receipt.get("treeSize").asLong()).isEqualTo(size);

    JsonNode inclusion = JSON.readTree(get("/v1/log/proof/inclusion?index=" + receipt.get("index").asLong()).body());
    assertThat(fieldNames(inclusion)).containsExactly("type", "index", "treeSize", "leafHash", "rootHash", "hashes");
    assertThat(inclusion.get("type").asString()).isEqualTo("inclusion");
    assertThat(inclusion.get("rootHash").asString()).isEqualTo(Hex.encode(checkpoint.checkpoint().rootHash()));
    assertThat(inclusion.get("leafHash").asString()).isEqualTo(Hex.encode(TreeHasher.leafHash(record.encoded())));
    inclusion.get("hashes").valueStream().forEach(h -> assertThat(h.asString()).matches("[0-9a-f]{64}"));

    JsonNode consistency = JSON.readTree(get("/v1/log/proof/consistency?from=1").body());
    assertThat(fieldNames(consistency)).containsExactly("type", "from", "to", "hashes");
    assertThat(consistency.get("type").asString()).isEqualTo("consistency");
    assertThat(consistency.get("to").asLong()).isEqualTo(size);
  }

  private static List<String> fieldNames(JsonNode node) {
    return node.propertyNames().stream().toList();
  }

  @Test
  void key_isTheCheckpointVerifierKey_andVerifiesTheCheckpoint() throws Exception {
    append(SIGNER.sign("keyed".getBytes(StandardCharsets.UTF_8)).encoded());
    HttpResponse<byte[]> response = get("/v1/log/key");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    NoteVerifier key = NoteVerifier.parse(new String(response.body(), StandardCharsets.UTF_8).strip());
    assertThat(key.vkey()).isEqualTo(oracle.log().checkpointVerifier().vkey());
    SignedCheckpoint.open(get("/v1/log/checkpoint").body(), key.name(), key);
  }

  @Test
  void recordByCid_carriesItsIndexHeader() throws Exception {
    LogRecord record = SIGNER.sign("indexed".getBytes(StandardCharsets.UTF_8));
    long index = append(record.encoded()).get("index").asLong();
    assertThat(get("/v1/log/records/" + record.cid()).headers().firstValue(LogApi.INDEX_HEADER)).hasValue(Long.toString(index));
  }

  @Test
  void append_withoutToken_is401_andNothingIsAppended() throws Exception {
    long before = oracle.log().size();
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/v1/log/records"))
        .header("Content-Type", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(SIGNER.sign("unauthorized".getBytes(StandardCharsets.UTF_8)).encoded()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"castellan\"");
    assertThat(response.body()).contains("\"error\":\"unauthorized\"");
    assertThat(oracle.log().size()).isEqualTo(before);
  }

  @Test
  void badInput_isRejectedClearly() throws Exception {
    HttpResponse<String> garbage = HTTP.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/v1/log/records"))
        .header("Authorization", bearer()).POST(HttpRequest.BodyPublishers.ofString("not cbor")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("not a valid signed record");

    LogRecord good = SIGNER.sign("x".getBytes(StandardCharsets.UTF_8));
    LogRecord forged = LogRecord.of("y".getBytes(StandardCharsets.UTF_8), good.signature(), good.pubkey());
    HttpResponse<String> rejected = HTTP.send(HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/v1/log/records"))
        .header("Authorization", bearer()).POST(HttpRequest.BodyPublishers.ofByteArray(forged.encoded())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(rejected.statusCode()).isEqualTo(400);

    assertThat(get("/v1/log/records/999999").statusCode()).isEqualTo(404);
    assertThat(get("/v1/log/records/bafynotacid").statusCode()).isEqualTo(404);
    assertThat(get("/v1/log/proof/inclusion?index=x").statusCode()).isEqualTo(400);
    assertThat(get("/v1/log/tile/../../keys/checkpoint.skey").statusCode()).isEqualTo(404);
  }

  @Test
  void tiles_areServedAsStaticFiles() throws Exception {
    append(SIGNER.sign("tile me".getBytes(StandardCharsets.UTF_8)).encoded());
    HttpResponse<byte[]> tile = get("/v1/log/tile/entries/000.p/" + Math.min(oracle.log().checkpoint().checkpoint().size(), 255));
    HttpResponse<byte[]> level0 = get("/v1/log/tile/0/000.p/" + Math.min(oracle.log().checkpoint().checkpoint().size(), 255));
    assertThat(level0.statusCode()).isEqualTo(200);
    assertThat(level0.body().length).isEqualTo(32 * (int) Math.min(oracle.log().checkpoint().checkpoint().size(), 255));
    assertThat(tile.statusCode()).isEqualTo(200);
  }
}
