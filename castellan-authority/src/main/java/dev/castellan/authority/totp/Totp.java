package dev.castellan.authority.totp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * TOTP, RFC 6238 §4: {@code TOTP = HOTP(K, T)} with {@code T = floor((Current Unix time - T0) / X)},
 * {@code T0} = 0 and {@code X} the {@link TotpParameters#period()}. Times before the epoch are
 * refused rather than floored to a negative counter.
 */
public final class Totp {
  private Totp() {}

  /**
   * The time step {@code T} that {@code time} falls in.
   *
   * @throws IllegalArgumentException for a time before 1970-01-01T00:00:00Z
   */
  public static long timeStep(Instant time, TotpParameters parameters) {
    long seconds = time.getEpochSecond();
    if (seconds < 0) {
      throw new IllegalArgumentException("TOTP time must not be before the Unix epoch");
    }
    return seconds / parameters.periodSeconds();
  }

  /** The code for time step {@code step}, with leading zeros. */
  public static String code(TotpSecret secret, long step, TotpParameters parameters) {
    requireAlgorithm(secret, parameters);
    return new String(secret.code(step, parameters.digits()), StandardCharsets.US_ASCII);
  }

  /** The code an authenticator shows at {@code time}. */
  public static String code(TotpSecret secret, Instant time, TotpParameters parameters) {
    return code(secret, timeStep(time, parameters), parameters);
  }

  static void requireAlgorithm(TotpSecret secret, TotpParameters parameters) {
    if (secret.algorithm() != parameters.algorithm()) {
      throw new IllegalArgumentException(
          "the secret is for " + secret.algorithm() + " but the parameters say " + parameters.algorithm());
    }
  }
}
