package dev.castellan.authority.totp;

import java.time.Duration;
import java.util.Objects;

/**
 * The TOTP parameters of RFC 6238 §4 plus the acceptance window: how many time steps before
 * and after the current one a code is accepted for (§5.2, "network delay").
 *
 * <p>Defaults ({@link #defaults()}): SHA-1, 6 digits, a 30-second step ({@code X}), {@code
 * T0} = 0, a window of ±1 step. Bounds: 6 or 8 digits (RFC 4226 §5.3 allows 6 to 8; 7 is not
 * offered because authenticator apps do not show it); a step of 15 to 300 seconds; a window of
 * 0 to {@link #MAX_WINDOW} steps, because every extra step doubles the guessing chance.
 *
 * @param algorithm the HMAC function
 * @param digits code length, 6 or 8
 * @param period the time step {@code X}
 * @param window steps accepted on each side of the current one
 */
public record TotpParameters(TotpAlgorithm algorithm, int digits, Duration period, int window) {
  /** Largest acceptance window: three steps each way (±90 s at the default step). */
  public static final int MAX_WINDOW = 3;

  public static final Duration MIN_PERIOD = Duration.ofSeconds(15);
  public static final Duration MAX_PERIOD = Duration.ofSeconds(300);

  public TotpParameters {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(period, "period");
    if (digits != 6 && digits != 8) {
      throw new IllegalArgumentException("TOTP codes have 6 or 8 digits, not " + digits);
    }
    if (period.getNano() != 0 || period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
      throw new IllegalArgumentException("TOTP period must be whole seconds in 15..300");
    }
    if (window < 0 || window > MAX_WINDOW) {
      throw new IllegalArgumentException("TOTP window must be 0.." + MAX_WINDOW + " steps, not " + window);
    }
  }

  /** SHA-1, 6 digits, 30 s, ±1 step. */
  public static TotpParameters defaults() {
    return new TotpParameters(TotpAlgorithm.SHA1, 6, Duration.ofSeconds(30), 1);
  }

  public TotpParameters withAlgorithm(TotpAlgorithm value) {
    return new TotpParameters(value, digits, period, window);
  }

  public TotpParameters withDigits(int value) {
    return new TotpParameters(algorithm, value, period, window);
  }

  public TotpParameters withWindow(int value) {
    return new TotpParameters(algorithm, digits, period, value);
  }

  /** The step length in seconds. */
  public long periodSeconds() {
    return period.toSeconds();
  }
}
