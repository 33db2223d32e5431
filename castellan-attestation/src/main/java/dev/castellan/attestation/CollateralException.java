package dev.castellan.attestation;

/** Collateral needed to verify the evidence (an endorsement certificate, TCB info, a CRL) is missing, unreadable or itself invalid. */
public final class CollateralException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public CollateralException(String check, String message) {
    super(check, message, null, null, null);
  }

  public CollateralException(String check, String message, Throwable cause) {
    super(check, message, null, null, cause);
  }

  public CollateralException(String check, String message, String expected, String actual) {
    super(check, message, expected, actual, null);
  }
}
