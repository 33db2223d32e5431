package dev.castellan.tokens;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TokenVerifier}'s configuration, immutable, with secure defaults ({@link
 * #defaults()}) and hard ceilings so a configuration mistake cannot turn a rule off.
 *
 * @param clockSkew tolerance on {@code exp}, {@code nbf}, {@code iat} and key validity: default
 *     30 s, at most 5 min
 * @param maxLifetime the longest {@code exp - iat} accepted: default 5 min (the authority's own
 *     rule), at most 1 h
 * @param previousKeyOverlap how long after the active key's {@code not_before} a previous key is
 *     still accepted: default 10 min, at most 24 h
 * @param revocationListMaxAge when present (default 10 min, at most 24 h), a revocation list is
 *     required and MUST be at most this old ({@code now - issued_at}); when empty, tokens are
 *     accepted without a list, and a list, if one was given, is consulted whatever its age
 * @param replayCacheMaxEntries bound of the replay cache (two entries per accepted token):
 *     default 200,000 (about 30 MB), at least 2
 * @param singleUse default true: an accepted token (its {@code cti}, and its nonce for the same
 *     subject and scope) is refused until it expires, as seed 004's policy_pd requires. False
 *     ({@link #withReusableTokens()}) is for HTTP bearer use, where one token authorizes
 *     requests until it expires and the relying party limits its rate instead
 */
public record VerifierOptions(
    Duration clockSkew,
    Duration maxLifetime,
    Duration previousKeyOverlap,
    Optional<Duration> revocationListMaxAge,
    int replayCacheMaxEntries,
    boolean singleUse) {
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final Duration MAX_LIFETIME = Duration.ofHours(1);
  public static final Duration MAX_OVERLAP = Duration.ofHours(24);
  public static final Duration MAX_REVOCATION_AGE = Duration.ofHours(24);

  public VerifierOptions {
    within("clockSkew", clockSkew, Duration.ZERO, MAX_CLOCK_SKEW);
    within("maxLifetime", maxLifetime, Duration.ofSeconds(1), MAX_LIFETIME);
    within("previousKeyOverlap", previousKeyOverlap, Duration.ZERO, MAX_OVERLAP);
    Objects.requireNonNull(revocationListMaxAge, "revocationListMaxAge");
    revocationListMaxAge.ifPresent(age -> within("revocationListMaxAge", age, Duration.ofSeconds(1), MAX_REVOCATION_AGE));
    if (replayCacheMaxEntries < 2) {
      throw new IllegalArgumentException("replayCacheMaxEntries must be at least 2");
    }
  }

  /** 30 s skew, 5 min lifetime, 10 min overlap, a revocation list at most 10 min old, 200,000 entries. */
  public static VerifierOptions defaults() {
    return new VerifierOptions(
        Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10), Optional.of(Duration.ofMinutes(10)), 200_000, true);
  }

  public VerifierOptions withClockSkew(Duration value) {
    return new VerifierOptions(value, maxLifetime, previousKeyOverlap, revocationListMaxAge, replayCacheMaxEntries, singleUse);
  }

  public VerifierOptions withMaxLifetime(Duration value) {
    return new VerifierOptions(clockSkew, value, previousKeyOverlap, revocationListMaxAge, replayCacheMaxEntries, singleUse);
  }

  public VerifierOptions withPreviousKeyOverlap(Duration value) {
    return new VerifierOptions(clockSkew, maxLifetime, value, revocationListMaxAge, replayCacheMaxEntries, singleUse);
  }

  public VerifierOptions withRevocationListMaxAge(Duration value) {
    return new VerifierOptions(clockSkew, maxLifetime, previousKeyOverlap, Optional.of(value), replayCacheMaxEntries, singleUse);
  }

  /** Accept tokens without a revocation list: only where revocation is handled otherwise. */
  public VerifierOptions withoutRevocationList() {
    return new VerifierOptions(clockSkew, maxLifetime, previousKeyOverlap, Optional.empty(), replayCacheMaxEntries, singleUse);
  }

  public VerifierOptions withReplayCacheMaxEntries(int value) {
    return new VerifierOptions(clockSkew, maxLifetime, previousKeyOverlap, revocationListMaxAge, value, singleUse);
  }

  /** Tokens stay valid for many requests until they expire (bearer use): no replay rules. */
  public VerifierOptions withReusableTokens() {
    return new VerifierOptions(clockSkew, maxLifetime, previousKeyOverlap, revocationListMaxAge, replayCacheMaxEntries, false);
  }

  private static void within(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
  }
}
