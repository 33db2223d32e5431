package dev.castellan.tokens;

import java.util.Locale;

/**
 * A capability token that was refused, with the {@link Rule} that refused it. {@link
 * TokenVerifier#verify} checks the rules in the order they are declared here and throws for the
 * first that fails; nothing is recorded in the replay cache for a refused token.
 */
public final class TokenException extends TokensException {
  private static final long serialVersionUID = 1L;

  /** The verification rules (docs/tokens.md, "Verifier rules"). */
  public enum Rule {
    /** Not a token of the documented format: size, CBOR, COSE structure, header or claim types. */
    MALFORMED,
    /** The {@code kid} names no key of the trusted key set. */
    UNKNOWN_KEY_ID,
    /** The COSE signature does not verify with the key named by {@code kid}. */
    SIGNATURE,
    /** The key is outside its validity, or a previous key is outside the configured overlap. */
    KEY_NOT_VALID,
    /** {@code iss} is not the issuer of the trusted key set. */
    ISSUER,
    /** {@code exp - iat} exceeds the verifier's maximum lifetime. */
    LIFETIME,
    /** The token expired: {@code now >= exp + skew}. */
    EXPIRED,
    /** The token is not yet valid: {@code now + skew < nbf}, or {@code iat} is in the future. */
    NOT_YET_VALID,
    /** The relying party's audience is not in {@code aud}. */
    AUDIENCE,
    /** The requested operation is not in {@code scope}. */
    SCOPE,
    /** No revocation list is known, or the known one is older than the configured maximum age. */
    REVOCATION_LIST_STALE,
    /** The {@code cti} is on the revocation list. */
    REVOKED,
    /** This {@code cti} was already accepted. */
    REPLAYED_TOKEN_ID,
    /** This nonce was already accepted for the same subject and scope. */
    REPLAYED_NONCE,
    /** The replay cache is full of unexpired entries: refusing rather than forgetting one. */
    REPLAY_CACHE_FULL
  }

  private final Rule rule;

  public TokenException(Rule rule, String detail) {
    this(rule, detail, null);
  }

  public TokenException(Rule rule, String detail, Throwable cause) {
    super(rule.name().toLowerCase(Locale.ROOT) + ": " + detail, cause);
    this.rule = rule;
  }

  /** The rule that failed. */
  public Rule rule() {
    return rule;
  }
}
