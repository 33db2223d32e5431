package dev.castellan.attestation;

/** A certificate chain does not validate at the verification time, or does not end in a pinned trust anchor. */
public final class CertificateChainException extends AttestationException {
  private static final long serialVersionUID = 1L;

  public CertificateChainException(String check, String message) {
    super(check, message, null, null, null);
  }

  public CertificateChainException(String check, String message, Throwable cause) {
    super(check, message, null, null, cause);
  }

  public CertificateChainException(String check, String message, String expected, String actual) {
    super(check, message, expected, actual, null);
  }
}
