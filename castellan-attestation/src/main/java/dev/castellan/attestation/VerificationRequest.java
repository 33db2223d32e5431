package dev.castellan.attestation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a relying party asks of a {@link Verifier}: the time to verify at, the freshness it
 * expects, where collateral comes from, and how old timestamped evidence may be.
 *
 * @param time the verifier's clock: certificates and collateral MUST be valid at this
 *     instant, except where a platform's evidence carries a signed timestamp (Nitro), whose
 *     chain is validated at that timestamp and whose age is checked against {@code time}
 * @param freshness the expected nonce or report data, or {@link Freshness#none()}
 * @param collateral where endorsements and TCB info not carried in the evidence come from
 * @param maxAge how far a signed evidence timestamp may lie before {@code time}; evidence
 *     timestamped more than {@link #CLOCK_SKEW} after {@code time} is rejected too
 */
public record VerificationRequest(
    Instant time, Freshness freshness, CollateralSource collateral, Duration maxAge) {
  /** Default maximum age of timestamped evidence. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  /** Tolerated clock difference for timestamps in the future. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  public VerificationRequest {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(freshness, "freshness");
    Objects.requireNonNull(collateral, "collateral");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative");
    }
  }

  /** A request at {@code time} with no external collateral and {@link #DEFAULT_MAX_AGE}. */
  public static VerificationRequest at(Instant time, Freshness freshness) {
    return new VerificationRequest(time, freshness, CollateralSource.none(), DEFAULT_MAX_AGE);
  }

  public VerificationRequest withCollateral(CollateralSource source) {
    return new VerificationRequest(time, freshness, source, maxAge);
  }

  public VerificationRequest withMaxAge(Duration age) {
    return new VerificationRequest(time, freshness, collateral, age);
  }

  public VerificationRequest withTime(Instant instant) {
    return new VerificationRequest(instant, freshness, collateral, maxAge);
  }

  public VerificationRequest withFreshness(Freshness expected) {
    return new VerificationRequest(time, expected, collateral, maxAge);
  }
}
