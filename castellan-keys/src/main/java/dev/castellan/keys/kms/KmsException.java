package dev.castellan.keys.kms;

import java.security.GeneralSecurityException;

/**
 * A KMS operation failed: the service refused it, the answer was malformed, or it could not be
 * reached. Messages name the operation and the reason in {@code Locale.ROOT}; they never carry
 * credentials, signatures or key material.
 */
public class KmsException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public KmsException(String message) {
    super(message);
  }
}
