package dev.castellan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.policy.AppraisalPolicy;
import dev.castellan.attestation.simulator.SimulatedNitroDevice;
import dev.castellan.attestation.simulator.SimulatedNitroTee;
import dev.castellan.attestation.simulator.SimulatorHome;
import dev.castellan.authority.LocalAuthority;
import dev.castellan.authority.RevokedTokens;
import dev.castellan.core.bytes.Hex;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.oracle.ApplicationMeasurement;
import dev.castellan.server.oracle.Oracle;
import dev.castellan.server.oracle.OracleInfo;
import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.KeySet;
import dev.castellan.tokens.KeySetDocument;
import dev.castellan.tokens.TokenException;
import dev.castellan.tokens.TokenVerifier;
import dev.castellan.tokens.VerifierOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relying party end to end against the real oracle over HTTPS on loopback: it verifies the
 * oracle, pins the attested TLS key and the authority's key set, subscribes, and refuses a
 * token once it is revoked. Bounds are generous: they catch a subscriber that never delivers,
 * not a slow one.
 */
class RevocationSubscriberTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  @TempDir Path data;
  private Oracle oracle;
  private SimulatedNitroTee tee;

  @BeforeEach
  void boot() throws Exception {
    SecureRandom random = new SecureRandom();
    OracleInfo info = new OracleInfo("test", Optional.empty(), Optional.empty());
    Path image = Files.writeString(data.resolve("image"), "revocation subscriber test image");
    SimulatedNitroDevice device = SimulatedNitroDevice.boot(SimulatorHome.open(data, Clock.systemUTC(), random),
        ApplicationMeasurement.of(List.of(image), info), Clock.systemUTC(), random);
    tee = new SimulatedNitroTee(device);
    oracle = Oracle.boot(ServerConfig.defaults().withDataDirectory(data).withPort(0), tee, info, Clock.systemUTC(), random);
  }

  @AfterEach
  void stop() {
    oracle.close();
  }

  /** What the relying party learned from verifying the oracle: the attested TLS key hash. */
  private byte[] attestedTlsKeyHash() throws Exception {
    ClientOptions options = ClientOptions.defaults(List.of(NitroVerifier.create(SimulatorHome.open(data).nitroTrustAnchors())))
        .withPolicy(AppraisalPolicy.defaults().withAcceptSimulated(true).withAcceptSkipped(AppraisalPolicy.MEASUREMENT_CHECKS))
        .withInsecureTls(true);
    VerificationReport report = OracleClient.create(options).verify(URI.create(oracle.baseUrl()));
    assertThat(report.passed()).as(report.render()).isTrue();
    assertThat(report.tlsKeyHash()).hasValue(Hex.encode(oracle.tls().keyHash()));
    return Hex.decode(report.tlsKeyHash().orElseThrow());
  }

  /** The authority's key set, pinned by its active key id (here read beside the oracle; out of band in life). */
  private KeySet pinnedKeySet() throws Exception {
    byte[] document = Files.readAllBytes(data.resolve(LocalAuthority.DIRECTORY).resolve(LocalAuthority.KEY_SET_FILE));
    return KeySetDocument.verifyTrustAnchor(document, KeySetDocument.verifySelfSigned(document).activeKeyId());
  }

  private byte[] operatorToken() throws Exception {
    return Base64.getUrlDecoder().decode(Files.readString(oracle.operatorTokenFile().orElseThrow()).strip());
  }

  /** Why the verifier refuses {@code token} now, or empty if it accepts it. */
  private static Optional<TokenException.Rule> refusal(TokenVerifier verifier, byte[] token) {
    try {
      verifier.verify(token, "sign:bip340", Oracle.TOKEN_AUDIENCE, Instant.now());
      return Optional.empty();
    } catch (TokenException e) {
      return Optional.of(e.rule());
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void subscriber_keepsTheVerifierCurrent_andARevokedTokenIsRefused() throws Exception {
    TokenVerifier verifier = TokenVerifier.create(pinnedKeySet(), VerifierOptions.defaults().withReusableTokens());
    byte[] token = operatorToken();
    assertThat(refusal(verifier, token)).as("no list yet: fail closed").hasValue(TokenException.Rule.REVOCATION_LIST_STALE);

    try (RevocationSubscriber subscriber = RevocationSubscriber.start(
        OracleEndpoint.pinned(URI.create(oracle.baseUrl()), attestedTlsKeyHash()), verifier, SubscriberOptions.defaults())) {
      await("the first list", () -> refusal(verifier, token).isEmpty());
      long first = subscriber.version();
      assertThat(first).isPositive();
      assertThat(subscriber.lastError()).isEmpty();

      // What 'castellan tokens revoke' does: the id goes into revoked.txt, nothing else.
      RevokedTokens.add(data.resolve(LocalAuthority.DIRECTORY), CapabilityToken.decode(token).claims().tokenId(),
          Instant.now());
      await("the token refused as revoked", () -> refusal(verifier, token).equals(Optional.of(TokenException.Rule.REVOKED)));
      assertThat(subscriber.version()).isGreaterThan(first);
      assertThat(subscriber.isRunning()).isTrue();
    }
  }

  @Test
  void subscriber_withAnotherTlsKeyPinned_neverConnects_andSaysWhy() throws Exception {
    TokenVerifier verifier = TokenVerifier.create(pinnedKeySet(), VerifierOptions.defaults().withReusableTokens());
    byte[] wrong = oracle.tls().keyHash();
    wrong[0] ^= 1;
    try (RevocationSubscriber subscriber = RevocationSubscriber.start(OracleEndpoint.pinned(URI.create(oracle.baseUrl()),
        wrong), verifier, SubscriberOptions.defaults().withBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)))) {
      await("a failure", () -> subscriber.lastError().isPresent());
      assertThat(subscriber.lastError().orElseThrow()).contains("is not the pinned one (" + Hex.encode(wrong) + ")");
      assertThat(subscriber.version()).isZero();
      assertThat(refusal(verifier, operatorToken())).hasValue(TokenException.Rule.REVOCATION_LIST_STALE);
    }
  }

  @Test
  void subscriber_followsARotation_throughTheSignedKeySetUpdate() throws Exception {
    TokenVerifier verifier = TokenVerifier.create(pinnedKeySet(), VerifierOptions.defaults().withReusableTokens());
    try (RevocationSubscriber subscriber = RevocationSubscriber.start(
        OracleEndpoint.pinned(URI.create(oracle.baseUrl()), oracle.tls().keyHash()), verifier, SubscriberOptions.defaults())) {
      await("the first list", () -> subscriber.version() > 0);
      KeySet next = Oracle.rotateAuthority(data, tee, Clock.systemUTC(), new SecureRandom());
      // The oracle follows at its next heartbeat (15 s) and signs lists with the new key.
      await("the new key set", () -> verifier.keySet().version() == next.version());
      assertThat(verifier.keySet().activeKeyId()).isEqualTo(next.activeKeyId());
      // The list signed by the new key, which made the subscriber fetch the key set, is installed too.
      await("a token of the new key accepted", () -> {
        try {
          byte[] token = operatorToken();
          return CapabilityToken.decode(token).keyId().equals(next.activeKeyId()) && refusal(verifier, token).isEmpty();
        } catch (Exception e) {
          return false;
        }
      });
    }
  }

  @Test
  void close_stopsThePoll_evenWhileAnAnswerIsHeld() throws Exception {
    TokenVerifier verifier = TokenVerifier.create(pinnedKeySet(), VerifierOptions.defaults().withReusableTokens());
    RevocationSubscriber subscriber = RevocationSubscriber.start(
        OracleEndpoint.pinned(URI.create(oracle.baseUrl()), oracle.tls().keyHash()), verifier, SubscriberOptions.defaults());
    await("the first list", () -> subscriber.version() > 0);
    subscriber.close();
    assertThat(subscriber.isRunning()).isFalse();
  }

  @Test
  void plainHttp_isExplicit_andPinnedNeedsHttps() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OracleEndpoint.pinned(URI.create("http://127.0.0.1:8443"),
        new byte[32])).hasMessage("the base URL must be https://HOST:PORT");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OracleEndpoint.pinned(URI.create("https://127.0.0.1:8443"),
        new byte[31])).hasMessage("tlsKeyHash must be 32 bytes (SHA-256), got 31");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OracleEndpoint.plainHttp(URI.create("https://127.0.0.1:8443")))
        .hasMessage("the base URL must be http://HOST:PORT");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OracleEndpoint.plainHttp(URI.create("http://u@127.0.0.1:1/x")))
        .hasMessage("the base URL must be http://HOST:PORT, with no path, query or user");
    assertThat(OracleEndpoint.pinned(URI.create("https://127.0.0.1:8443/"), new byte[32]).toString())
        .isEqualTo("https://127.0.0.1:8443/ (TLS key pinned)");
  }
}
