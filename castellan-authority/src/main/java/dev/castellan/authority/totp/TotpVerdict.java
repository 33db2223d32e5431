package dev.castellan.authority.totp;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link TotpValidator#validate} call.
 *
 * @param result the seed's result value
 * @param retryAt for {@link TotpResult#RATE_LIMITED} only: the earliest time another attempt is checked
 * @param reason a fixed text for the response's {@code reason}; never the code, the secret or
 *     whether the operator exists
 */
public record TotpVerdict(TotpResult result, Optional<Instant> retryAt, String reason) {
  public TotpVerdict {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(retryAt, "retryAt");
    Objects.requireNonNull(reason, "reason");
    if (retryAt.isPresent() != (result == TotpResult.RATE_LIMITED)) {
      throw new IllegalArgumentException("retryAt is present exactly for rate_limited");
    }
  }

  static TotpVerdict ok() {
    return new TotpVerdict(TotpResult.OK, Optional.empty(), "code accepted");
  }

  static TotpVerdict fail(String reason) {
    return new TotpVerdict(TotpResult.FAIL, Optional.empty(), reason);
  }

  static TotpVerdict replay() {
    return new TotpVerdict(TotpResult.REPLAY, Optional.empty(), "code already used");
  }

  static TotpVerdict rateLimited(Instant retryAt, String reason) {
    return new TotpVerdict(TotpResult.RATE_LIMITED, Optional.of(retryAt), reason);
  }
}
