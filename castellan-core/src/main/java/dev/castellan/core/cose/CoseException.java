package dev.castellan.core.cose;

import java.security.GeneralSecurityException;

/** A COSE message that is malformed, uses an unsupported algorithm, or fails verification. */
public final class CoseException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public CoseException(String message) {
    super(message);
  }

  public CoseException(String message, Throwable cause) {
    super(message, cause);
  }
}
