package dev.castellan.attestation;

/** A signature over the evidence (or over collateral) does not verify, or uses a disallowed algorithm. */
public final class SignatureInvalidException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public SignatureInvalidException(String check, String message) {
    super(check, message, null, null, null);
  }

  public SignatureInvalidException(String check, String message, Throwable cause) {
    super(check, message, null, null, cause);
  }

  public SignatureInvalidException(String check, String message, String expected, String actual) {
    super(check, message, expected, actual, null);
  }
}
