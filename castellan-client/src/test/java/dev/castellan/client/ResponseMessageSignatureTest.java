package dev.castellan.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.Bip340Verifier;
import dev.castellan.core.signature.Secp256k1PublicKey;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's RFC 9421 check against the real oracle over HTTPS on loopback: two independent
 * implementations of the signature base (server and client share no code) must agree, and a
 * genuinely signed response replayed under another path, query, status, nonce or body must
 * fail.
 */
class ResponseMessageSignatureTest {
  @TempDir static Path data;
  private static Oracle oracle;
  private static OracleHttp http;
  private static byte[] attestationKey;
  private static Bip340Verifier verifier;

  @BeforeAll
  static void boot() throws Exception {
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    Path image = Files.writeString(data.resolve("image"), "message signature test image");
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(data, Clock.systemUTC(), random),
        ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    oracle = Oracle.boot(ServerConfig.defaults().withDataDirectory(data).withPort(0), new SimulatedNitroTee(device), info,
        Clock.systemUTC(), random);
    http = new OracleHttp(URI.create(oracle.baseUrl()), true, Duration.ofSeconds(10));
    SignedResponse enclaveInfo = http.get("/v1/enclave-info");
    attestationKey = Hex.decode(Json.field(enclaveInfo.body(), "attestationPublicKey"));
    verifier = Bip340Verifier.create(Secp256k1PublicKey.fromSec1(attestationKey).toBip340PublicKey());
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  private static OracleHttp.Exchange fetch(String pathAndQuery) throws Exception {
    return http.exchange(http.get(pathAndQuery)).orElseThrow();
  }

  private static OracleHttp.Exchange withPath(OracleHttp.Exchange e, String path) {
    return new OracleHttp.Exchange(e.response(), e.method(), path, e.rawQuery(), e.nonce(), e.contentType(),
        e.contentDigest(), e.signatureInput(), e.signature());
  }

  private static OracleHttp.Exchange withResponse(OracleHttp.Exchange e, SignedResponse response) {
    return new OracleHttp.Exchange(response, e.method(), e.rawPath(), e.rawQuery(), e.nonce(), e.contentType(),
        e.contentDigest(), e.signatureInput(), e.signature());
  }

  @Test
  void genuineResponses_verify_includingErrors() throws Exception {
    for (String path : List.of("/v1/info", "/v1/enclave-info", "/healthz", "/enclave/attestation?nonce=00ff", "/no/such/path")) {
      OracleHttp.Exchange exchange = fetch(path);
      assertThatCode(() -> ResponseMessageSignature.verify(exchange, attestationKey, verifier)).as(path).doesNotThrowAnyException();
    }
    assertThat(fetch("/no/such/path").response().status()).isEqualTo(404);
  }

  @Test
  void eachRequestSendsAFreshNonce_andTheSignatureCarriesIt() throws Exception {
    OracleHttp.Exchange first = fetch("/v1/info");
    OracleHttp.Exchange second = fetch("/v1/info");
    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThat(first.signatureInput().orElseThrow()).contains(";nonce=\"" + first.nonce() + "\"").doesNotContain("alg=");
  }

  @Test
  void replayUnderAnotherPath_fails() throws Exception {
    OracleHttp.Exchange info = fetch("/v1/info");
    assertThatThrownBy(() -> ResponseMessageSignature.verify(withPath(info, "/v1/enclave-info"), attestationKey, verifier))
        .isInstanceOf(ResponseMessageSignature.Invalid.class).hasMessageContaining("does not cover");
  }

  @Test
  void replayUnderAnotherQuery_fails() throws Exception {
    OracleHttp.Exchange attestation = fetch("/enclave/attestation?nonce=01");
    OracleHttp.Exchange other = new OracleHttp.Exchange(attestation.response(), "GET", attestation.rawPath(), "nonce=02",
        attestation.nonce(), attestation.contentType(), attestation.contentDigest(), attestation.signatureInput(),
        attestation.signature());
    assertThatThrownBy(() -> ResponseMessageSignature.verify(other, attestationKey, verifier))
        .isInstanceOf(ResponseMessageSignature.Invalid.class);
  }

  @Test
  void replayWithAnotherStatus_fails() throws Exception {
    OracleHttp.Exchange missing = fetch("/v1/missing");
    SignedResponse r = missing.response();
    SignedResponse as200 = new SignedResponse(r.path(), 200, r.body(), r.signatureHex(), r.publicKeyHex(), r.serverCertificate());
    assertThatThrownBy(() -> ResponseMessageSignature.verify(withResponse(missing, as200), attestationKey, verifier))
        .isInstanceOf(ResponseMessageSignature.Invalid.class).hasMessageContaining("does not cover");
  }

  @Test
  void replayToAnotherNonce_fails() throws Exception {
    OracleHttp.Exchange e = fetch("/v1/info");
    OracleHttp.Exchange replayed = new OracleHttp.Exchange(e.response(), e.method(), e.rawPath(), e.rawQuery(),
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", e.contentType(), e.contentDigest(), e.signatureInput(), e.signature());
    assertThatThrownBy(() -> ResponseMessageSignature.verify(replayed, attestationKey, verifier))
        .isInstanceOf(ResponseMessageSignature.Invalid.class).hasMessageContaining("nonce");
  }

  @Test
  void anotherBody_fails_evenWithItsOwnSeedSignature() throws Exception {
    OracleHttp.Exchange info = fetch("/v1/info");
    SignedResponse health = fetch("/healthz").response();
    assertThatThrownBy(() -> ResponseMessageSignature.verify(withResponse(info, health), attestationKey, verifier))
        .isInstanceOf(ResponseMessageSignature.Invalid.class).hasMessageContaining("Content-Digest");
  }

  @Test
  void missingSignature_orAnotherKey_fails() throws Exception {
    OracleHttp.Exchange e = fetch("/v1/info");
    OracleHttp.Exchange unsigned = new OracleHttp.Exchange(e.response(), e.method(), e.rawPath(), e.rawQuery(), e.nonce(),
        e.contentType(), e.contentDigest(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> ResponseMessageSignature.verify(unsigned, attestationKey, verifier))
        .isInstanceOf(ResponseMessageSignature.Invalid.class).hasMessageContaining("no single Signature-Input");
    byte[] otherKey = attestationKey.clone();
    otherKey[5] ^= 1;
    assertThatThrownBy(() -> ResponseMessageSignature.verify(e, otherKey, verifier))
        .isInstanceOf(ResponseMessageSignature.Invalid.class).hasMessageContaining("another key");
  }
}
