package dev.castellan.attestation.tpm;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.FreshnessException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SignatureInvalidException;
import java.security.GeneralSecurityException;

/**
 * A TPM quote, signature, key or evidence container failed to parse or verify. Thrown by the
 * parsers of this package for any input (never a runtime exception); {@link TpmVerifier} turns
 * it into the matching {@link AttestationException}. Messages never echo input bytes.
 */
public final class TpmException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** What kind of check failed; decides the {@link AttestationException} subclass. */
  public enum Kind {
    MALFORMED,
    SIGNATURE,
    CHAIN,
    BINDING,
    FRESHNESS
  }

  private final Kind kind;
  private final String check;

  /** A malformed-input failure ({@code tpm.quote}). */
  public TpmException(String message) {
    this(Kind.MALFORMED, "tpm.quote", message, null);
  }

  public TpmException(Kind kind, String check, String message) {
    this(kind, check, message, null);
  }

  public TpmException(Kind kind, String check, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.check = check;
  }

  public Kind kind() {
    return kind;
  }

  /** The stable check name, e.g. {@code tpm.signature}. */
  public String check() {
    return check;
  }

  /** The same failure in the shared attestation exception hierarchy. */
  public AttestationException toAttestationException() {
    return switch (kind) {
      case MALFORMED -> new MalformedEvidenceException(check, getMessage(), this);
      case SIGNATURE -> new SignatureInvalidException(check, getMessage(), this);
      case CHAIN -> new CertificateChainException(check, getMessage(), this);
      case BINDING -> new BindingException(check, getMessage(), this);
      case FRESHNESS -> new FreshnessException(check, getMessage(), this);
    };
  }
}
