package dev.castellan.authority.totp;

import java.security.GeneralSecurityException;

/** An enrolment was refused (the operator is already enrolled, or a label is invalid). Messages never carry a secret. */
public final class TotpEnrolmentException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public TotpEnrolmentException(String message) {
    super(message);
  }
}
