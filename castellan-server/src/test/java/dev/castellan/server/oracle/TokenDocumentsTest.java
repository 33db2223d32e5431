package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.server.ServerConfig;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.KeySetDocument;
import dev.castellan.tokens.RevocationList;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

/** GET /v1/tokens/keyset and /v1/tokens/revocations: the authority's signed documents, over real HTTP. */
class TokenDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path data;
  private static TokenOracle oracle;

  @BeforeAll
  static void boot() throws Exception {
    oracle = TokenOracle.boot(data, TokenOracle.MANUAL);
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  private static KeySet pinnedKeySet() throws Exception {
    Path file = data.resolve(LocalAuthority.DIRECTORY).resolve(LocalAuthority.KEY_SET_FILE);
    return KeySetDocument.verifyTrustAnchor(Files.readAllBytes(file), oracle.tokens().authority().keySet().activeKeyId());
  }

  @Test
  void keySet_isTheAuthoritysSignedDocument_andVerifiesAsItsTrustAnchor() throws Exception {
    HttpResponse<byte[]> response = oracle.get("/v1/tokens/keyset");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.castellan.key-set+cbor");
    assertThat(response.headers().firstValue("Signature")).as("signed like every response").isPresent();
    assertThat(response.headers().firstValue("X-Attestation-Signature")).isPresent();
    assertThat(response.body()).isEqualTo(
        Files.readAllBytes(data.resolve(LocalAuthority.DIRECTORY).resolve(LocalAuthority.KEY_SET_FILE)));
    KeySet served = KeySetDocument.verifyTrustAnchor(response.body(), pinnedKeySet().activeKeyId());
    assertThat(served.issuer()).isEqualTo(OracleTokens.ISSUER);
  }

  @Test
  void revocations_isTheCurrentSignedList_andVerifiesWithThePinnedKeySet() throws Exception {
    byte[] revoked = new byte[16];
    revoked[0] = 7;
    oracle.tokens().authority().revoke(revoked);
    oracle.tokens().renewRevocationListNow(java.time.Clock.systemUTC());
    HttpResponse<byte[]> response = oracle.get("/v1/tokens/revocations");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(RevocationList.CONTENT_TYPE);
    assertThat(response.headers().firstValue("Signature")).isPresent();
    RevocationList list = RevocationList.verify(response.body(), pinnedKeySet(), Instant.now(), Duration.ofSeconds(30),
        Duration.ofMinutes(10));
    assertThat(list.version()).isEqualTo(oracle.version());
    assertThat(list.isRevoked(revoked)).isTrue();
  }

  @Test
  void keySet_withAQuery_is400() throws Exception {
    HttpResponse<byte[]> response = oracle.get("/v1/tokens/keyset?version=2");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("message").asString())
        .isEqualTo("/v1/tokens/keyset takes no query parameters");
  }

  @Test
  void post_isNotAllowed() throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(oracle.oracle.baseUrl() + "/v1/tokens/revocations"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void withoutAnAuthority_bothPathsSayWhy(@TempDir Path open) throws Exception {
    try (TokenOracle noAuth = TokenOracle.boot(open, ServerConfig.defaults(), Oracle.Access.OPEN, TokenOracle.MANUAL)) {
      for (String path : new String[] {"/v1/tokens/keyset", "/v1/tokens/revocations?after=1&wait=5"}) {
        HttpResponse<byte[]> response = noAuth.get(path, Duration.ofSeconds(10));
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("message").asString())
            .isEqualTo("no token authority: this oracle runs with --no-auth");
      }
    }
  }
}
