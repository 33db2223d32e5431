package dev.castellan.authority.totp;

import java.util.Locale;

/** The {@code result} of seed 004's {@code totp_validate_resp}: {@code ok | fail | rate_limited | replay}. */
public enum TotpResult {
  /** The code matched a step in the window that was not used before. */
  OK,
  /** The code did not match (or was malformed, or the operator is unknown: these look the same). */
  FAIL,
  /** The operator or the device is locked out, or the authority's tables are full; the code was not checked. */
  RATE_LIMITED,
  /** The code matched a step at or before the operator's last accepted step. */
  REPLAY;

  /** The wire form: {@code ok}, {@code fail}, {@code rate_limited} or {@code replay}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
