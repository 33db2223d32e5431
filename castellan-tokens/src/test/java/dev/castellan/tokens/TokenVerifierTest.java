package dev.castellan.tokens;

import static dev.castellan.tokens.KeySetTest.assertRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.tokens.TokenException.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per rule of TokenVerifier.verify, plus acceptance, single use and thread safety. */
class TokenVerifierTest {
  private static final SigningKey KEY = KeySetTest.OLD;
  private static final Instant NOW = Fixtures.T0.plusSeconds(10);
  private static final String OPERATION = "luks:unlock";
  private static final String AUDIENCE = "policy_pd";

  private TokenVerifier verifier;

  private static TokenVerifier verifier(VerifierOptions options) throws Exception {
    TokenVerifier verifier = TokenVerifier.create(KeySetTest.first(), options);
    if (options.revocationListMaxAge().isPresent()) {
      verifier.updateRevocationList(
          RevocationList.of(Fixtures.ISSUER, 1, Fixtures.T0, List.of(Fixtures.bytes("revoked", 16))).sign(KEY), NOW);
    }
    return verifier;
  }

  @BeforeEach
  void setUp() throws Exception {
    verifier = verifier(VerifierOptions.defaults());
  }

  private static byte[] token(CapabilityClaims.Builder claims) throws Exception {
    return CapabilityToken.sign(claims.build(), KEY);
  }

  private void assertRefused(byte[] token, Rule rule) {
    assertRule(() -> verifier.verify(token, OPERATION, AUDIENCE, NOW), rule);
  }

  @Test
  void verify_validToken_returnsClaims() throws Exception {
    CapabilityClaims claims = verifier.verify(token(Fixtures.claims("ok")), OPERATION, AUDIENCE, NOW);
    assertThat(claims.subject()).isEqualTo("vm-7");
    assertThat(claims.scope()).contains(OPERATION);
  }

  @Test
  void verify_expired_throwsExpired() throws Exception {
    byte[] token = token(Fixtures.claims("exp"));
    Instant expiry = Fixtures.T0.plusSeconds(60).plus(VerifierOptions.defaults().clockSkew());
    assertRule(() -> verifier.verify(token, OPERATION, AUDIENCE, expiry), Rule.EXPIRED);
    verifier.verify(token, OPERATION, AUDIENCE, expiry.minusSeconds(1));
  }

  @Test
  void verify_notYetValid_throwsNotYetValid() throws Exception {
    assertRefused(token(Fixtures.claims("nbf").notBefore(NOW.plusSeconds(31))), Rule.NOT_YET_VALID);
    byte[] future = token(Fixtures.claims("iat").issuedAt(NOW.plusSeconds(31)).expiresAt(NOW.plusSeconds(90)));
    assertRefused(future, Rule.NOT_YET_VALID);
  }

  @Test
  void verify_wrongAudience_throwsAudience() throws Exception {
    byte[] token = token(Fixtures.claims("aud2"));
    assertRule(() -> verifier.verify(token, OPERATION, "unlocker", NOW), Rule.AUDIENCE);
  }

  @Test
  void verify_scopeMissingOperation_throwsScope() throws Exception {
    byte[] token = token(Fixtures.claims("scope"));
    assertRule(() -> verifier.verify(token, "net:modify", AUDIENCE, NOW), Rule.SCOPE);
    assertRule(() -> verifier.verify(token, "luks:unlock net:update", AUDIENCE, NOW), Rule.SCOPE);
  }

  @Test
  void verify_replayedTokenId_throwsReplayedTokenId() throws Exception {
    byte[] token = token(Fixtures.claims("once"));
    verifier.verify(token, OPERATION, AUDIENCE, NOW);
    assertRefused(token, Rule.REPLAYED_TOKEN_ID);
  }

  @Test
  void verify_reusableTokens_acceptTheSameTokenUntilItExpires_allOtherRulesStillApply() throws Exception {
    TokenVerifier bearer = verifier(VerifierOptions.defaults().withReusableTokens());
    byte[] token = token(Fixtures.claims("bearer"));
    bearer.verify(token, OPERATION, AUDIENCE, NOW);
    bearer.verify(token, OPERATION, AUDIENCE, NOW.plusSeconds(5));
    assertRule(() -> bearer.verify(token, "net:modify", AUDIENCE, NOW), Rule.SCOPE);
    Instant expiry = Fixtures.T0.plusSeconds(60).plus(VerifierOptions.defaults().clockSkew());
    assertRule(() -> bearer.verify(token, OPERATION, AUDIENCE, expiry), Rule.EXPIRED);
  }

  @Test
  void verify_replayedNonceSameSubjectAndScope_throwsReplayedNonce() throws Exception {
    byte[] nonce = Fixtures.bytes("shared nonce", 16);
    verifier.verify(token(Fixtures.claims("n1").nonce(nonce)), OPERATION, AUDIENCE, NOW);
    assertRefused(token(Fixtures.claims("n2").nonce(nonce)), Rule.REPLAYED_NONCE);
    // The same nonce for another scope set is another key.
    verifier.verify(token(Fixtures.claims("n3").nonce(nonce).scope(List.of(OPERATION))), OPERATION, AUDIENCE, NOW);
  }

  @Test
  void verify_revoked_throwsRevoked() throws Exception {
    assertRefused(token(Fixtures.claims("revoked")), Rule.REVOKED);
  }

  @Test
  void verify_staleOrMissingRevocationList_throwsStale() throws Exception {
    byte[] token = token(Fixtures.claims("stale"));
    Instant late = Fixtures.T0.plus(Duration.ofMinutes(10)).plusSeconds(1);
    byte[] lateToken = token(Fixtures.claims("stale2").issuedAt(late.minusSeconds(5)).expiresAt(late.plusSeconds(55)));
    assertRule(() -> verifier.verify(lateToken, OPERATION, AUDIENCE, late), Rule.REVOCATION_LIST_STALE);
    TokenVerifier withoutList = TokenVerifier.create(KeySetTest.first(), VerifierOptions.defaults());
    assertRule(() -> withoutList.verify(token, OPERATION, AUDIENCE, NOW), Rule.REVOCATION_LIST_STALE);
    TokenVerifier notRequired = verifier(VerifierOptions.defaults().withoutRevocationList());
    notRequired.verify(token, OPERATION, AUDIENCE, NOW);
  }

  @Test
  void verify_unknownKid_throwsUnknownKeyId() throws Exception {
    assertRefused(CapabilityToken.sign(Fixtures.claims("kid").build(), TestAuthority.ed25519(9)), Rule.UNKNOWN_KEY_ID);
  }

  @Test
  void verify_previousKeyInsideOverlap_accepted() throws Exception {
    verifier.updateKeySet(KeySetDocument.sign(KeySetTest.rotated(), List.of(KeySetTest.OLD, KeySetTest.NEW)));
    Instant inside = KeySetTest.ROTATION.plus(KeySetTest.OVERLAP).minusSeconds(1);
    byte[] token = token(Fixtures.claims("prev-in").issuedAt(inside.minusSeconds(20)).expiresAt(inside.plusSeconds(40)));
    TokenVerifier noList = TokenVerifier.create(verifier.keySet(), VerifierOptions.defaults().withoutRevocationList());
    assertThat(noList.verify(token, OPERATION, AUDIENCE, inside).subject()).isEqualTo("vm-7");
  }

  @Test
  void verify_previousKeyOutsideOverlap_throwsKeyNotValid() throws Exception {
    verifier.updateKeySet(KeySetDocument.sign(KeySetTest.rotated(), List.of(KeySetTest.OLD, KeySetTest.NEW)));
    Instant outside = KeySetTest.ROTATION.plus(KeySetTest.OVERLAP);
    byte[] token = token(Fixtures.claims("prev-out").issuedAt(outside.minusSeconds(20)).expiresAt(outside.plusSeconds(40)));
    TokenVerifier noList = TokenVerifier.create(verifier.keySet(), VerifierOptions.defaults().withoutRevocationList());
    assertRule(() -> noList.verify(token, OPERATION, AUDIENCE, outside), Rule.KEY_NOT_VALID);
    // The new key is accepted at the same instant.
    byte[] fresh = CapabilityToken.sign(Fixtures.claims("new").issuedAt(outside).expiresAt(outside.plusSeconds(60)).build(), KeySetTest.NEW);
    noList.verify(fresh, OPERATION, AUDIENCE, outside);
  }

  @Test
  void verify_everyByteFlipped_everyMutationRefused() throws Exception {
    byte[] token = token(Fixtures.claims("flip"));
    for (int i = 0; i < token.length; i++) {
      for (int bit : new int[] {0x01, 0x80}) {
        byte[] mutated = token.clone();
        mutated[i] ^= (byte) bit;
        int at = i;
        assertThatThrownBy(() -> verifier.verify(mutated, OPERATION, AUDIENCE, NOW))
            .as("byte %d bit %x", at, bit).isInstanceOf(TokenException.class);
      }
    }
    verifier.verify(token, OPERATION, AUDIENCE, NOW); // no mutation consumed the token
  }

  @Test
  void verify_flippedSignatureByte_throwsSignature() throws Exception {
    byte[] token = token(Fixtures.claims("sig"));
    token[token.length - 1] ^= 1;
    assertRefused(token, Rule.SIGNATURE);
  }

  @Test
  void verify_malformedCbor_throwsMalformed() {
    assertRefused(new byte[] {(byte) 0xd2, (byte) 0x84, 0x40}, Rule.MALFORMED);
    assertRefused("not a token".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Rule.MALFORMED);
  }

  @Test
  void verify_lifetimeAboveMaximum_throwsLifetime() throws Exception {
    assertRefused(token(Fixtures.claims("long").expiresAt(Fixtures.T0.plus(Duration.ofMinutes(5)).plusSeconds(1))), Rule.LIFETIME);
  }

  @Test
  void verify_otherIssuer_throwsIssuer() throws Exception {
    assertRefused(token(Fixtures.claims("iss").issuer("mallory")), Rule.ISSUER);
  }

  @Test
  void verify_cacheFullOfUnexpiredEntries_throwsCacheFullThenForgetsAfterExpiry() throws Exception {
    TokenVerifier small = verifier(VerifierOptions.defaults().withReplayCacheMaxEntries(4));
    small.verify(token(Fixtures.claims("c1")), OPERATION, AUDIENCE, NOW);
    small.verify(token(Fixtures.claims("c2")), OPERATION, AUDIENCE, NOW);
    byte[] third = token(Fixtures.claims("c3").issuedAt(NOW).expiresAt(NOW.plusSeconds(60)));
    assertRule(() -> small.verify(third, OPERATION, AUDIENCE, NOW), Rule.REPLAY_CACHE_FULL);
    // c1 and c2 expire at T0 + 60 s and are forgotten after exp + skew.
    small.verify(third, OPERATION, AUDIENCE, Fixtures.T0.plusSeconds(90));
  }

  @Test
  void verify_concurrentPresentationsOfOneToken_exactlyOneAccepted() throws Exception {
    byte[] token = token(Fixtures.claims("race"));
    AtomicInteger accepted = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(pool.submit(() -> {
          try {
            verifier.verify(token, OPERATION, AUDIENCE, NOW);
            accepted.incrementAndGet();
          } catch (TokenException e) {
            assertThat(e.rule()).isEqualTo(Rule.REPLAYED_TOKEN_ID);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(accepted).hasValue(1);
  }
}
