package dev.castellan.server.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.RevokedTokens;
import dev.castellan.tokens.CapabilityToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change to revoked.txt is signed at the next watch, not at the next heartbeat (both driven by hand here). */
class RevocationWatchTest {
  private static final String DIGEST = "{\"scheme\":\"bip340\",\"digest\":\"" + "ab".repeat(32) + "\"}";
  @TempDir Path data;
  private TokenOracle oracle;

  @BeforeEach
  void boot() throws Exception {
    oracle = TokenOracle.boot(data, TokenOracle.MANUAL);
  }

  @AfterEach
  void stop() {
    oracle.close();
  }

  private int sign(String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(oracle.oracle.baseUrl() + "/v1/sign"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(DIGEST)).build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
  }

  @Test
  void watch_unchangedFile_signsNothing() {
    long before = oracle.version();
    oracle.tokens().watchRevocations(Clock.systemUTC());
    oracle.tokens().watchRevocations(Clock.systemUTC());
    assertThat(oracle.version()).isEqualTo(before);
  }

  @Test
  void watch_afterARevoke_signsAtOnce_andTheOracleRefusesTheToken() throws Exception {
    String token = Files.readString(oracle.oracle.operatorTokenFile().orElseThrow()).strip();
    assertThat(sign(token)).isEqualTo(200);
    long before = oracle.version();
    byte[] id = CapabilityToken.decode(Base64.getUrlDecoder().decode(token)).claims().tokenId();
    RevokedTokens.add(data.resolve(LocalAuthority.DIRECTORY), id, Instant.now());

    oracle.tokens().watchRevocations(Clock.systemUTC());
    assertThat(oracle.version()).isGreaterThan(before);
    assertThat(sign(token)).isEqualTo(401);

    long after = oracle.version();
    oracle.tokens().watchRevocations(Clock.systemUTC());
    assertThat(oracle.version()).as("the same change is signed once").isEqualTo(after);
  }

  @Test
  void watch_aSecondRevokeOfTheSameSize_isNoticedToo() throws Exception {
    Path authority = data.resolve(LocalAuthority.DIRECTORY);
    RevokedTokens.add(authority, new byte[16], Instant.now());
    oracle.tokens().watchRevocations(Clock.systemUTC());
    long first = oracle.version();
    byte[] other = new byte[16];
    other[0] = 1;
    RevokedTokens.add(authority, other, Instant.now());
    oracle.tokens().watchRevocations(Clock.systemUTC());
    assertThat(oracle.version()).isGreaterThan(first);
  }
}
