package dev.castellan.authority.totp;

import java.util.Objects;

/**
 * Everything a {@link TotpValidator} is configured with; {@link #defaults()} are the secure
 * defaults documented in {@code docs/authority.md}.
 *
 * @param parameters the TOTP parameters and acceptance window
 * @param operatorLimits backoff per operator
 * @param deviceLimits backoff per device
 * @param maxReplayEntries operators whose last accepted step is remembered at once
 */
public record TotpOptions(
    TotpParameters parameters, RateLimitPolicy operatorLimits, RateLimitPolicy deviceLimits, int maxReplayEntries) {
  public TotpOptions {
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(operatorLimits, "operatorLimits");
    Objects.requireNonNull(deviceLimits, "deviceLimits");
    if (maxReplayEntries < 1 || maxReplayEntries > RateLimitPolicy.MAX_TRACKED_LIMIT) {
      throw new IllegalArgumentException("maxReplayEntries must be 1.." + RateLimitPolicy.MAX_TRACKED_LIMIT);
    }
  }

  /** Default parameters, the default backoff for operators and devices, 10,000 replay entries. */
  public static TotpOptions defaults() {
    return new TotpOptions(TotpParameters.defaults(), RateLimitPolicy.defaults(), RateLimitPolicy.defaults(), 10_000);
  }

  public TotpOptions withParameters(TotpParameters value) {
    return new TotpOptions(value, operatorLimits, deviceLimits, maxReplayEntries);
  }

  public TotpOptions withOperatorLimits(RateLimitPolicy value) {
    return new TotpOptions(parameters, value, deviceLimits, maxReplayEntries);
  }

  public TotpOptions withDeviceLimits(RateLimitPolicy value) {
    return new TotpOptions(parameters, operatorLimits, value, maxReplayEntries);
  }

  public TotpOptions withMaxReplayEntries(int value) {
    return new TotpOptions(parameters, operatorLimits, deviceLimits, value);
  }
}
