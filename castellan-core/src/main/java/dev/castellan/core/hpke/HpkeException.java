package dev.castellan.core.hpke;

import java.security.GeneralSecurityException;

/** An HPKE encapsulation, key or ciphertext that is malformed or fails to open. */
public final class HpkeException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public HpkeException(String message) {
    super(message);
  }

  public HpkeException(String message, Throwable cause) {
    super(message, cause);
  }
}
