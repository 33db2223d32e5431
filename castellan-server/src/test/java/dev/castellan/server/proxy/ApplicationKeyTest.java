package dev.castellan.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.hash.HashAlgorithm;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /enclave/hash}: only on the application's loopback listener, only base64 of
 * exactly 32 bytes, and afterwards a nitriding client finds the hash at appKeyHash (bytes 36
 * to 68) while the attestation key's hash follows it. The upstream here is down (no unit):
 * proxied paths are a signed 502 that says so, the oracle's routes still answer.
 */
class ApplicationKeyTest {
  @TempDir static Path data;
  private static ProxyFixture fixture;
  private static byte[] key;

  @BeforeAll
  static void boot() throws Exception {
    int closed = ProxyFixture.freePort();
    fixture = ProxyFixture.boot(data, ProxyOptions.of(URI.create("http://127.0.0.1:" + closed))
        .withAppListener("127.0.0.1", 0));
    key = fixture.attestationKey();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static HttpResponse<byte[]> register(byte[] body) throws Exception {
    return fixture.post(fixture.applicationUrl() + "/enclave/hash", body);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void registeredHash_isAppKeyHash_andTheAttestationKeyHashFollowsIt() throws Exception {
    byte[] attestationKeyHash = HashAlgorithm.SHA_256.hash(key);
    byte[] before = fixture.attestedUserData();
    if (before.length == 68) { // nothing registered yet by another test of this class
      assertThat(Arrays.copyOfRange(before, 36, 68)).isEqualTo(attestationKeyHash);
    }
    byte[] appKeyHash = HashAlgorithm.SHA_256.hash(ascii("the application's own public key"));
    HttpResponse<byte[]> response = register(ascii(Base64.getEncoder().encodeToString(appKeyHash) + "\n"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"appKeyHash\":\"");

    byte[] after = fixture.attestedUserData();
    assertThat(after).hasSize(102);
    assertThat(Arrays.copyOfRange(after, 34, 36)).containsExactly(0x12, 0x20);
    assertThat(Arrays.copyOfRange(after, 36, 68)).isEqualTo(appKeyHash); // where nitriding clients look
    assertThat(Arrays.copyOfRange(after, 70, 102)).isEqualTo(attestationKeyHash);
    // The responses are still signed by the attestation key.
    ProxyFixture.verifySignatures(fixture.get("/v1/enclave-info"), "GET", key);
  }

  @Test
  void badHashes_areRefused_andChangeNothing() throws Exception {
    byte[] before = fixture.attestedUserData();
    String[] bad = {"", "not base64!", Base64.getEncoder().encodeToString(new byte[31]),
        Base64.getEncoder().encodeToString(new byte[33]), "AAAA AAAA", Base64.getUrlEncoder().encodeToString(
            new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                -1, -1, -1, -1, -1, -1, -1, -1})};
    for (String body : bad) {
      HttpResponse<byte[]> response = register(ascii(body));
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("base64 of a 32-byte SHA-256 hash");
    }
    assertThat(register(new byte[ApplicationListener.MAX_HASH_BODY + 1]).statusCode()).isEqualTo(413);
    HttpResponse<byte[]> fromAPage = fixture.http.send(HttpRequest.newBuilder(URI.create(fixture.applicationUrl()
        + "/enclave/hash")).header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(
            Base64.getEncoder().encodeToString(new byte[32]))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(fromAPage.statusCode()).isEqualTo(403);
    HttpResponse<byte[]> get = fixture.get("/enclave/hash");
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(fixture.attestedUserData()).isEqualTo(before);
  }

  @Test
  void thePublicPort_neverRegisters() throws Exception {
    byte[] before = fixture.attestedUserData();
    for (String path : new String[] {"/enclave/hash", "/enclave/ready", "/enclave/state"}) {
      HttpResponse<byte[]> response = fixture.post(fixture.oracle.baseUrl() + path,
          ascii(Base64.getEncoder().encodeToString(new byte[32])));
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("loopback listener only");
      ProxyFixture.verifySignatures(response, "POST", key);
    }
    assertThat(fixture.attestedUserData()).isEqualTo(before);
  }

  @Test
  void ready_isAnsweredOnTheApplicationListener() throws Exception {
    HttpResponse<byte[]> response = fixture.http.send(HttpRequest.newBuilder(
        URI.create(fixture.applicationUrl() + "/enclave/ready")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void upstreamDown_is502ThatSaysSo_andTheOracleStillAnswers() throws Exception {
    HttpResponse<byte[]> response = fixture.get("/anything?at=all");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("\"error\":\"bad_gateway\"", "the upstream service is not reachable");
    ProxyFixture.verifySignatures(response, "GET", key);
    assertThat(fixture.get("/v1/info").statusCode()).isEqualTo(200);
  }

  @Test
  void applicationListener_mustBeLoopback() {
    ProxyOptions options = ProxyOptions.of(URI.create("http://127.0.0.1:7074"));
    for (String host : new String[] {"0.0.0.0", "10.0.0.1", "example.com", "::", ""}) {
      assertThatThrownBy(() -> options.withAppListener(host, 8080)).as(host)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }
    assertThat(options.withAppListener("::1", 0).appHost()).isEqualTo("::1");
    assertThatThrownBy(() -> ProxyOptions.of(URI.create("https://127.0.0.1:7074")))
        .hasMessageContaining("http://HOST:PORT");
    assertThatThrownBy(() -> ProxyOptions.of(URI.create("http://127.0.0.1:7074/app")))
        .hasMessageContaining("no path");
  }
}
