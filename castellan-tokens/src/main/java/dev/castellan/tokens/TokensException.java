package dev.castellan.tokens;

import java.security.GeneralSecurityException;

/**
 * The root of this module's exceptions: every rejection of a token, a key set, a revocation
 * list or an envelope is a subclass, so a caller can catch one type and still read the exact
 * rule that failed. Messages use {@code Locale.ROOT}, never contain secret material and never
 * echo attacker-controlled bytes.
 */
public abstract class TokensException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  protected TokensException(String message, Throwable cause) {
    super(message, cause);
  }
}
