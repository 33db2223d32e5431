package dev.castellan.attestation;

/** The evidence (or its embedded structures) does not parse: wrong size, bad encoding, unknown version, non-zero reserved bytes. */
public final class MalformedEvidenceException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public MalformedEvidenceException(String check, String message) {
    super(check, message, null, null, null);
  }

  public MalformedEvidenceException(String check, String message, Throwable cause) {
    super(check, message, null, null, cause);
  }

  public MalformedEvidenceException(String check, String message, String expected, String actual) {
    super(check, message, expected, actual, null);
  }
}
