package dev.castellan.attestation;

/** The evidence is not fresh: wrong nonce or report data, a wrong-length expectation, or too old. */
public final class FreshnessException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public FreshnessException(String check, String message) {
    super(check, message, null, null, null);
  }

  public FreshnessException(String check, String message, Throwable cause) {
    super(check, message, null, null, cause);
  }

  public FreshnessException(String check, String message, String expected, String actual) {
    super(check, message, expected, actual, null);
  }
}
