package dev.castellan.core.cwt;

import java.security.GeneralSecurityException;

/** A CWT whose claims are malformed or not valid at the given time or for the given audience. */
public final class CwtException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public CwtException(String message) {
    super(message);
  }

  public CwtException(String message, Throwable cause) {
    super(message, cause);
  }
}
