package dev.castellan.core.cwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the registered claims of a verified CWT (RFC 8392 §3.1) against a clock and the
 * relying party's expectations. It MUST be applied only to claims whose signature was verified
 * first ({@link SignedCwt#verify}); it checks no signature itself.
 *
 * <p>Rules, each failing with a {@link CwtException} naming the claim:
 *
 * <ul>
 *   <li>{@code exp}: required unless {@link Builder#allowMissingExpiration()}; the token is
 *       rejected once {@code now - skew >= exp} (RFC 7519 §4.1.4: "on or after").
 *   <li>{@code nbf}: if present, rejected while {@code now + skew < nbf}.
 *   <li>{@code iat}: if present, rejected when {@code iat > now + skew} (issued in the future).
 *   <li>{@code iss} / {@code aud}: when required, present and equal (exact, case-sensitive).
 * </ul>
 *
 * <p>The clock skew is bounded by {@link #MAX_CLOCK_SKEW} so that a configuration mistake cannot
 * silently turn expiry off. Instances are immutable and thread-safe.
 */
public final class CwtValidator {
  /** The default tolerance for clock differences between issuer and relying party. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  /** The largest tolerance a validator accepts. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private final Clock clock;
  private final Duration clockSkew;
  private final String requiredIssuer;
  private final String requiredAudience;
  private final boolean requireExpiration;

  private CwtValidator(Builder builder) {
    this.clock = builder.clock;
    this.clockSkew = builder.clockSkew;
    this.requiredIssuer = builder.requiredIssuer;
    this.requiredAudience = builder.requiredAudience;
    this.requireExpiration = builder.requireExpiration;
  }

  /** A builder whose validator reads the time from {@code clock}. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * Returns normally only if every rule above holds for {@code claims} at the clock's current
   * instant.
   */
  public void validate(CwtClaims claims) throws CwtException {
    Objects.requireNonNull(claims, "claims");
    Instant now = clock.instant();
    Optional<Instant> expiration = claims.expiration();
    if (expiration.isEmpty()) {
      if (requireExpiration) {
        throw CwtException.forClaim("exp", "missing");
      }
    } else if (!now.minus(clockSkew).isBefore(expiration.get())) {
      throw CwtException.forClaim("exp", "token expired");
    }
    Optional<Instant> notBefore = claims.notBefore();
    if (notBefore.isPresent() && now.plus(clockSkew).isBefore(notBefore.get())) {
      throw CwtException.forClaim("nbf", "token not yet valid");
    }
    Optional<Instant> issuedAt = claims.issuedAt();
    if (issuedAt.isPresent() && issuedAt.get().isAfter(now.plus(clockSkew))) {
      throw CwtException.forClaim("iat", "issued in the future");
    }
    if (requiredIssuer != null) {
      requireEqual("iss", claims.issuer(), requiredIssuer);
    }
    if (requiredAudience != null) {
      requireEqual("aud", claims.audience(), requiredAudience);
    }
  }

  private static void requireEqual(String claim, Optional<String> actual, String expected)
      throws CwtException {
    if (actual.isEmpty()) {
      throw CwtException.forClaim(claim, "missing");
    }
    if (!actual.get().equals(expected)) {
      throw CwtException.forClaim(claim, "does not match the expected value");
    }
  }

  /** Configures a {@link CwtValidator}; defaults: 60 s skew, {@code exp} required. */
  public static final class Builder {
    private final Clock clock;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private String requiredIssuer;
    private String requiredAudience;
    private boolean requireExpiration = true;

    private Builder(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The tolerance applied to {@code exp}, {@code nbf} and {@code iat}.
     *
     * @throws IllegalArgumentException if negative or above {@link #MAX_CLOCK_SKEW}
     */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new IllegalArgumentException("clock skew must be between 0 and " + MAX_CLOCK_SKEW);
      }
      this.clockSkew = skew;
      return this;
    }

    /** Requires the {@code iss} claim to be present and equal to {@code issuer}. */
    public Builder requireIssuer(String issuer) {
      this.requiredIssuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Requires the {@code aud} claim to be present and equal to {@code audience}. */
    public Builder requireAudience(String audience) {
      this.requiredAudience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /** Accepts tokens without {@code exp} (they never expire): only for tokens that are checked otherwise. */
    public Builder allowMissingExpiration() {
      this.requireExpiration = false;
      return this;
    }

    public CwtValidator build() {
      return new CwtValidator(this);
    }
  }
}
