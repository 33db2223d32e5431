package dev.castellan.attestation.tdx;

import java.security.GeneralSecurityException;

/**
 * A TDX quote or its collateral failed to parse or verify. Every failure of the TDX verifier,
 * including malformed input, is reported with this type (never a runtime exception).
 * Messages are in {@code Locale.ROOT}, say what was wrong and never echo quote bytes.
 */
public class TdxException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public TdxException(String message) {
    super(message);
  }

  public TdxException(String message, Throwable cause) {
    super(message, cause);
  }
}
