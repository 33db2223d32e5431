package dev.castellan.attestation;

/** Two authenticated values that must agree do not: a report field versus its endorsing certificate (SNP reported TCB versus VCEK SPL extensions, CHIP_ID versus hwID), a QE report-data binding, a key hash in user data. */
public final class BindingException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public BindingException(String check, String message) {
    super(check, message, null, null, null);
  }

  public BindingException(String check, String message, Throwable cause) {
    super(check, message, null, null, cause);
  }

  public BindingException(String check, String message, String expected, String actual) {
    super(check, message, expected, actual, null);
  }
}
