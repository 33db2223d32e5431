package dev.castellan.attestation;

import java.security.GeneralSecurityException;

/**
 * A failure inside one platform's parsers and checks (TDX, TPM), before the platform's
 * verifier reports it as an {@link AttestationException} with {@link #toAttestationException()}.
 * It carries the kind of check that failed, which decides the reported subclass, and the
 * check's stable name. Messages are in {@code Locale.ROOT}, say what was wrong and never echo
 * evidence bytes.
 */
public abstract class PlatformException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** What kind of check failed; decides the {@link AttestationException} subclass. */
  public enum Kind {
    MALFORMED,
    SIGNATURE,
    CHAIN,
    BINDING,
    FRESHNESS,
    COLLATERAL,
    /** No TCB level (or TDX module level) of the TCB info matches: TCB not evaluated. */
    TCB_UNMATCHED
  }

  private final Kind kind;
  private final String check;

  protected PlatformException(Kind kind, String check, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.check = check;
  }

  public Kind kind() {
    return kind;
  }

  /** The stable check name, e.g. {@code tdx.quote.signature} or {@code tpm.signature}. */
  public String check() {
    return check;
  }

  /** The same failure in the shared attestation exception hierarchy. */
  public AttestationException toAttestationException() {
    String message = getMessage();
    return switch (kind) {
      case MALFORMED -> new MalformedEvidenceException(check, message, this);
      case SIGNATURE -> new SignatureInvalidException(check, message, this);
      case CHAIN -> new CertificateChainException(check, message, this);
      case BINDING -> new BindingException(check, message, this);
      case FRESHNESS -> new FreshnessException(check, message, this);
      case COLLATERAL, TCB_UNMATCHED -> new CollateralException(check, message, this);
    };
  }
}
