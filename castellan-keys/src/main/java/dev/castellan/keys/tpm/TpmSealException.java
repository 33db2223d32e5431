package dev.castellan.keys.tpm;

import java.security.GeneralSecurityException;

/**
 * Sealing to the TPM failed: tpm2-tools is not installed, the TPM cannot be reached or does
 * not answer in time, or it refused or answered unexpectedly. The message names which, and
 * never holds the secret.
 */
public final class TpmSealException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public TpmSealException(String message, Throwable cause) {
    super(message, cause);
  }
}
