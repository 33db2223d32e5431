package dev.castellan.server.auth;

import dev.castellan.core.bytes.Hex;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.tokens.CapabilityClaims;
import dev.castellan.tokens.TokenException;
import dev.castellan.tokens.TokenVerifier;
import java.time.Clock;
import java.util.Optional;

/**
 * Capability tokens as bearer credentials: the token verifies with the trusted key set, is
 * for this {@code audience}, holds the scope, is current and not revoked (docs/tokens.md, the
 * verifier's rules, with tokens reusable until they expire); then its rate limit applies.
 * A refused token is a 401 naming the rule, a token without the scope a 403.
 */
public final class TokenAuthorizer implements Authorizer {
  private final TokenVerifier verifier;
  private final String audience;
  private final RateLimiter limits;
  private final Clock clock;

  public TokenAuthorizer(TokenVerifier verifier, String audience, RateLimiter limits, Clock clock) {
    if (verifier.options().singleUse()) {
      throw new IllegalArgumentException("bearer tokens need a verifier with reusable tokens");
    }
    this.verifier = verifier;
    this.audience = audience;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public Grant authorize(Request request, String scope) throws HttpError {
    byte[] token = BearerToken.from(request);
    CapabilityClaims claims;
    try {
      claims = verifier.verify(token, scope, audience, clock.instant());
    } catch (TokenException e) {
      if (e.rule() == TokenException.Rule.SCOPE) {
        throw HttpError.insufficientScope("the token does not grant " + scope);
      }
      throw HttpError.unauthorized("token refused: " + e.getMessage()); // "rule: detail"
    }
    String tokenId = Hex.encode(claims.tokenId());
    limits.acquire(tokenId);
    return new Grant(claims.subject(), Optional.of(tokenId));
  }

  /** The verifier, for revocation list updates. */
  public TokenVerifier verifier() {
    return verifier;
  }
}
