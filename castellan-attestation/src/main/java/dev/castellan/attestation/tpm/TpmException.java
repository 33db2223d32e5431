package dev.castellan.attestation.tpm;

import dev.castellan.attestation.PlatformException;

/**
 * A TPM quote, signature, key or evidence container failed to parse or verify. Thrown by the
 * parsers of this package for any input (never a runtime exception); {@link TpmVerifier} turns
 * it into the matching {@link dev.castellan.attestation.AttestationException}.
 */
public final class TpmException extends PlatformException {
  private static final long serialVersionUID = 1L;

  /** A malformed-input failure ({@code tpm.quote}). */
  public TpmException(String message) {
    this(Kind.MALFORMED, "tpm.quote", message, null);
  }

  public TpmException(Kind kind, String check, String message) {
    this(kind, check, message, null);
  }

  public TpmException(Kind kind, String check, String message, Throwable cause) {
    super(kind, check, message, cause);
  }
}
