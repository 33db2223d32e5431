package dev.castellan.core.cwt;

import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * A CWT whose claims are malformed or not valid at the given time or for the given audience.
 * When one claim is at fault, {@link #claim()} names it ({@code "exp"}, {@code "aud"}, ...), and
 * the message starts with {@code "claim <name>: "}. Messages never echo claim values.
 */
public final class CwtException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  private final String claim;

  public CwtException(String message) {
    super(message);
    this.claim = null;
  }

  public CwtException(String message, Throwable cause) {
    super(message, cause);
    this.claim = null;
  }

  private CwtException(String claim, String reason, Throwable cause) {
    super("claim " + claim + ": " + reason, cause);
    this.claim = claim;
  }

  /** An exception about one claim, named by its RFC 8392 short name (e.g. {@code "exp"}). */
  public static CwtException forClaim(String claim, String reason) {
    return new CwtException(claim, reason, null);
  }

  /** The short name of the claim that failed, when the failure is about one claim. */
  public Optional<String> claim() {
    return Optional.ofNullable(claim);
  }
}
