package dev.castellan.attestation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a relying party asks of a {@link Verifier}: the time to verify at, the freshness it
 * expects, and where collateral comes from.
 *
 * <p>The maximum age of timestamped evidence is not part of the request: it is an appraisal
 * limit ({@code policy.NitroReference#maxAge}, policy JSON {@code nitro.maxAgeSeconds},
 * default 5 minutes), measured against this request's {@code time}, which the verifier records
 * in the claims ({@link NitroClaims#verifiedAt()}). One limit, in one place, that a policy
 * file can set.
 *
 * @param time the verifier's clock: certificates and collateral MUST be valid at this
 *     instant, except where a platform's evidence carries a signed timestamp (Nitro), whose
 *     chain is validated at that timestamp; evidence timestamped more than {@link
 *     #CLOCK_SKEW} after {@code time} is rejected, and appraisal measures its age against
 *     {@code time}
 * @param freshness the expected nonce or report data, or {@link Freshness#none()}
 * @param collateral where endorsements and TCB info not carried in the evidence come from
 */
public record VerificationRequest(Instant time, Freshness freshness, CollateralSource collateral) {
  /** Tolerated clock difference for timestamps in the future. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  public VerificationRequest {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(freshness, "freshness");
    Objects.requireNonNull(collateral, "collateral");
  }

  /** A request at {@code time} with no external collateral. */
  public static VerificationRequest at(Instant time, Freshness freshness) {
    return new VerificationRequest(time, freshness, CollateralSource.none());
  }

  public VerificationRequest withCollateral(CollateralSource source) {
    return new VerificationRequest(time, freshness, source);
  }

  public VerificationRequest withTime(Instant instant) {
    return new VerificationRequest(instant, freshness, collateral);
  }

  public VerificationRequest withFreshness(Freshness expected) {
    return new VerificationRequest(time, expected, collateral);
  }
}
