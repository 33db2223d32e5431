package dev.castellan.attestation;

/** Authentic evidence that the appraisal policy rejects (debug mode, a measurement not in the reference values, a TCB below the minimum, simulated evidence). */
public final class PolicyException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public PolicyException(String check, String message) {
    super(check, message, null, null, null);
  }

  public PolicyException(String check, String message, Throwable cause) {
    super(check, message, null, null, cause);
  }

  public PolicyException(String check, String message, String expected, String actual) {
    super(check, message, expected, actual, null);
  }
}
