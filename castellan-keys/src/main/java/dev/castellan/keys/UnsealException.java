package dev.castellan.keys;

import java.security.GeneralSecurityException;

/**
 * A sealed key could not be unsealed: the measurement differs from the one it was sealed
 * to, the blob is corrupt, or it was sealed by another device. Never recovered from by
 * making a new key: a new key would silently change the oracle's identity.
 */
public final class UnsealException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public UnsealException(String message) {
    super(message);
  }

  /** With the failure below it (a TPM that cannot be reached, say); {@code message} says what it means. */
  public UnsealException(String message, Throwable cause) {
    super(message, cause);
  }
}
