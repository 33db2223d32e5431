package dev.castellan.tokens;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.tokens.TokenException.Rule;
import dev.castellan.tokens.internal.ReplayCache;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The enforcement library (the seed's stateless {@code policy_pd}): decides whether a capability
 * token authorises one operation for one audience at one instant. It holds only public trust
 * material (the key set and revocation list, replaced by signed updates) and the bounded replay
 * cache; it depends on castellan-core only.
 *
 * <p>{@link #verify} MUST return only if every rule of {@link Rule} holds, checked in that
 * order; otherwise it throws a {@link TokenException} naming the first rule that failed. By
 * default an accepted token is single-use at this verifier: its {@code cti}, and its nonce for
 * the same subject and scope, are refused until the token has expired ({@link
 * VerifierOptions#withReusableTokens()} turns that off for bearer use). Thread-safe.
 */
public final class TokenVerifier {
  private final VerifierOptions options;
  private final ReplayCache replayCache;
  private volatile KeySet keySet;
  private volatile RevocationList revocationList;

  private TokenVerifier(KeySet keySet, VerifierOptions options) {
    this.keySet = Objects.requireNonNull(keySet, "keySet");
    this.options = Objects.requireNonNull(options, "options");
    this.replayCache = new ReplayCache(options.replayCacheMaxEntries());
  }

  /** A verifier trusting {@code keySet} (obtained from {@link KeySetDocument#verifyTrustAnchor}). */
  public static TokenVerifier create(KeySet keySet, VerifierOptions options) {
    return new TokenVerifier(keySet, options);
  }

  /** Replaces the key set by a signed successor ({@link KeySetDocument#verifyUpdate}). */
  public synchronized KeySet updateKeySet(byte[] document) throws TrustDocumentException {
    keySet = KeySetDocument.verifyUpdate(keySet, document);
    return keySet;
  }

  /** Replaces the revocation list by a newer signed one (an older or equal version is refused). */
  public synchronized RevocationList updateRevocationList(byte[] document, Instant now) throws TrustDocumentException {
    Duration skew = options.clockSkew();
    RevocationList current = revocationList;
    revocationList = current == null
        ? RevocationList.verify(document, keySet, now, skew, options.previousKeyOverlap())
        : current.verifyUpdate(document, keySet, now, skew, options.previousKeyOverlap());
    return revocationList;
  }

  /**
   * Verifies {@code token} for {@code operation} (a scope token, e.g. {@code "luks:unlock"}) at
   * {@code audience} (this relying party's name) at {@code now}, and records it as used.
   *
   * @return the verified claims
   * @throws TokenException naming the first rule that failed
   */
  public CapabilityClaims verify(byte[] token, String operation, String audience, Instant now) throws TokenException {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(now, "now");
    KeySet keys = keySet;
    Duration skew = options.clockSkew();
    CapabilityToken decoded = CapabilityToken.decode(token);
    KeySet.Entry entry = keys.entry(decoded.keyId()).orElseThrow(
        () -> new TokenException(Rule.UNKNOWN_KEY_ID, "kid " + decoded.keyId() + " is not in key set version " + keys.version()));
    decoded.verifySignature(entry.key());
    CapabilityClaims claims = decoded.claims();
    keys.usableKey(decoded.keyId(), claims.issuedAt(), now, skew, options.previousKeyOverlap());
    if (!claims.issuer().equals(keys.issuer())) {
      throw new TokenException(Rule.ISSUER, "iss is not the key set's issuer");
    }
    if (Duration.between(claims.issuedAt(), claims.expiresAt()).compareTo(options.maxLifetime()) > 0) {
      throw new TokenException(Rule.LIFETIME, "exp - iat exceeds " + options.maxLifetime());
    }
    if (!now.isBefore(claims.expiresAt().plus(skew))) {
      throw new TokenException(Rule.EXPIRED, "expired at " + claims.expiresAt());
    }
    Instant validFrom = claims.notBefore().orElse(claims.issuedAt());
    if (now.plus(skew).isBefore(validFrom)) {
      throw new TokenException(Rule.NOT_YET_VALID, "valid from " + validFrom);
    }
    if (!claims.audience().contains(audience)) {
      throw new TokenException(Rule.AUDIENCE, "this audience is not in aud");
    }
    if (!claims.scope().contains(operation)) {
      throw new TokenException(Rule.SCOPE, "the operation is not in scope");
    }
    checkRevocation(claims, now);
    if (options.singleUse()) {
      replayCache.checkAndRecord(tokenIdKey(claims), nonceKey(claims), claims.expiresAt().plus(skew), now);
    }
    return claims;
  }

  private void checkRevocation(CapabilityClaims claims, Instant now) throws TokenException {
    RevocationList list = revocationList;
    if (options.revocationListMaxAge().isPresent()) {
      Duration maxAge = options.revocationListMaxAge().get();
      if (list == null) {
        throw new TokenException(Rule.REVOCATION_LIST_STALE, "no revocation list is known (fail closed)");
      }
      if (Duration.between(list.issuedAt(), now).compareTo(maxAge) > 0) {
        throw new TokenException(Rule.REVOCATION_LIST_STALE, "revocation list of " + list.issuedAt() + " is older than " + maxAge);
      }
    }
    if (list != null && list.isRevoked(claims.tokenId())) {
      throw new TokenException(Rule.REVOKED, "cti is revoked (list version " + list.version() + ")");
    }
  }

  /** SHA-256 over {@code ["cti", cti]}: the replay key of the token id. */
  private static byte[] tokenIdKey(CapabilityClaims claims) {
    return HashAlgorithm.SHA_256.hash(Cbor.encode(CborValue.array(CborValue.of("cti"), CborValue.of(claims.tokenId()))));
  }

  /** SHA-256 over {@code ["nonce", sub, scope text, eat_nonce]}: the replay key of the nonce. */
  private static byte[] nonceKey(CapabilityClaims claims) {
    return HashAlgorithm.SHA_256.hash(Cbor.encode(CborValue.array(
        CborValue.of("nonce"), CborValue.of(claims.subject()),
        CborValue.of(String.join(" ", claims.scope())), CborValue.of(claims.nonce()))));
  }

  public KeySet keySet() {
    return keySet;
  }

  public VerifierOptions options() {
    return options;
  }
}
