package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.auth.RateLimiter;
import dev.castellan.server.auth.TokenAuthorizer;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Who may sign: capability tokens over real HTTP, and the loud --no-auth mode. */
class OracleAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST = "{\"scheme\":\"bip340\",\"digest\":\"" + "ab".repeat(32) + "\"}";
  @TempDir Path data;
  private Oracle oracle;
  private SimulatedNitroTee tee;
  private final HttpClient http = HttpClient.newHttpClient();

  private Oracle boot(Oracle.Access access) throws Exception {
    Path image = Files.writeString(data.resolve("image.jar"), "image");
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(data, Clock.systemUTC(), random),
        ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    ServerConfig config = ServerConfig.defaults().withDataDirectory(data).withPort(0).withTls(false);
    tee = new SimulatedNitroTee(device);
    oracle = Oracle.boot(Oracle.bind(config, Clock.systemUTC(), random), tee, info, access, Clock.systemUTC(), random);
    return oracle;
  }

  @AfterEach
  void stop() {
    if (oracle != null) {
      oracle.close();
    }
  }

  private HttpResponse<String> sign(Optional<String> authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(oracle.baseUrl() + "/v1/sign"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(DIGEST));
    authorization.ifPresent(a -> request.header("Authorization", a));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String bearer(byte[] token) {
    return "Bearer " + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  private String operatorToken() throws Exception {
    return Files.readString(oracle.operatorTokenFile().orElseThrow()).strip();
  }

  @Test
  void sign_withoutToken_is401_withAWrongScope_is403_andNeitherSigns() throws Exception {
    boot(Oracle.Access.TOKENS);
    long before = oracle.log().size();
    HttpResponse<String> none = sign(Optional.empty());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"castellan\"");
    assertThat(none.headers().firstValue("Signature")).as("a refusal is signed too").isPresent();

    byte[] appendOnly = oracle.tokens().authority().issue("operator", List.of("log:append"), OracleTokens.AUDIENCE,
        Duration.ofMinutes(1));
    HttpResponse<String> scope = sign(Optional.of(bearer(appendOnly)));
    assertThat(scope.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(scope.body()).get("error").asString()).isEqualTo("insufficient_scope");
    assertThat(scope.body()).contains("sign:bip340");

    byte[] elsewhere = oracle.tokens().authority().issue("operator", List.of("sign:bip340"), "another-oracle",
        Duration.ofMinutes(1));
    HttpResponse<String> audience = sign(Optional.of(bearer(elsewhere)));
    assertThat(audience.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(audience.body()).get("message").asString()).isEqualTo("token refused: audience: this audience is not in aud");

    HttpResponse<String> garbage = sign(Optional.of("Bearer AAAA"));
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(garbage.body()).get("message").asString()).startsWith("token refused: malformed: ")
        .doesNotContain("malformed: malformed");
    assertThat(oracle.log().size()).as("nothing was signed, so nothing was logged").isEqualTo(before);
  }

  @Test
  void sign_withTheOperatorToken_isLoggedWithTheTokenId() throws Exception {
    boot(Oracle.Access.TOKENS);
    String token = operatorToken();
    HttpResponse<String> response = sign(Optional.of("Bearer " + token));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode receipt = JSON.readTree(response.body()).get("record");
    byte[] data = dev.castellan.log.LogRecord.decode(oracle.log().recordBytes(receipt.get("index").asLong())).data();
    String cti = Hex.encode(CapabilityToken.decode(Base64.getUrlDecoder().decode(token)).claims().tokenId());
    assertThat(SignatureRecord.decode(data).token()).hasValue(cti);
    // A bearer token serves more than one request within its lifetime.
    assertThat(sign(Optional.of("Bearer " + token)).statusCode()).isEqualTo(200);
  }

  @Test
  void revokedToken_isRefusedOnceTheNextListIsSigned() throws Exception {
    boot(Oracle.Access.TOKENS);
    String token = operatorToken();
    assertThat(sign(Optional.of("Bearer " + token)).statusCode()).isEqualTo(200);
    oracle.tokens().authority().revoke(CapabilityToken.decode(Base64.getUrlDecoder().decode(token)).claims().tokenId());
    oracle.tokens().renewRevocationListNow(Clock.systemUTC());
    HttpResponse<String> refused = sign(Optional.of("Bearer " + token));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("token refused: revoked: ");
  }

  @Test
  void rotation_isFollowed_tokensOfThePreviousKeyStillWork_newOnesUseTheNewKey() throws Exception {
    boot(Oracle.Access.TOKENS);
    String before = operatorToken();
    dev.castellan.tokens.KeySet next = Oracle.rotateAuthority(data, tee, Clock.systemUTC(), new SecureRandom());
    oracle.tokens().followRotation();
    assertThat(sign(Optional.of("Bearer " + before)).statusCode()).as("no request is lost").isEqualTo(200);
    String after = operatorToken();
    assertThat(CapabilityToken.decode(Base64.getUrlDecoder().decode(after)).keyId()).isEqualTo(next.activeKeyId());
    assertThat(sign(Optional.of("Bearer " + after)).statusCode()).isEqualTo(200);
  }

  @Test
  void operatorTokenFile_isOwnerOnly_andRenewed() throws Exception {
    boot(Oracle.Access.TOKENS);
    Path file = oracle.operatorTokenFile().orElseThrow();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String first = operatorToken();
    oracle.tokens().renewBootstrapToken();
    assertThat(operatorToken()).isNotEqualTo(first);
    assertThat(sign(Optional.of("Bearer " + first)).statusCode()).as("the previous token stays valid until it expires")
        .isEqualTo(200);
  }

  @Test
  void rateLimit_perToken_is429WithRetryAfter() throws Exception {
    boot(Oracle.Access.TOKENS);
    TokenVerifier verifier = TokenVerifier.create(oracle.tokens().authority().keySet(),
        VerifierOptions.defaults().withReusableTokens().withoutRevocationList());
    TokenAuthorizer authorizer = new TokenAuthorizer(
        verifier, OracleTokens.AUDIENCE, new RateLimiter(1, 2, 10, Clock.systemUTC()), Clock.systemUTC());
    Request request = new Request("POST", "/v1/sign", Map.of(),
        Map.of("authorization", List.of("Bearer " + operatorToken())), new byte[0]);
    authorizer.authorize(request, "sign:bip340");
    authorizer.authorize(request, "sign:ecdsa");
    assertThatThrownBy(() -> authorizer.authorize(request, "sign:bip340")).isInstanceOfSatisfying(HttpError.class, e -> {
      assertThat(e.status()).isEqualTo(429);
      assertThat(e.retryAfterSeconds()).isEqualTo(1);
    });
  }

  @Test
  void noAuth_signsForAnyone_andSaysSoOnEveryRequest() throws Exception {
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger("dev.castellan.server.auth.NoAuthorization");
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      boot(Oracle.Access.OPEN);
      assertThat(oracle.operatorTokenFile()).isEmpty();
      assertThat(sign(Optional.empty()).statusCode()).isEqualTo(200);
      assertThat(sign(Optional.empty()).statusCode()).isEqualTo(200);
      assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).startsWith("UNAUTHENTICATED POST /v1/sign allowed"));
    } finally {
      logger.removeHandler(handler);
    }
  }
}
