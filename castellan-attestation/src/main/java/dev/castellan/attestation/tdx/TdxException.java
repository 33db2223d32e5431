package dev.castellan.attestation.tdx;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.BindingException;
import dev.castellan.attestation.CertificateChainException;
import dev.castellan.attestation.CollateralException;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SignatureInvalidException;
import java.security.GeneralSecurityException;

/**
 * A TDX quote or its collateral failed to parse or verify. Every failure of the TDX parsers
 * and checks, including malformed input, is reported with this type (never a runtime
 * exception); {@link TdxVerifier} turns it into the matching {@link AttestationException}
 * with {@link #toAttestationException()}. Messages are in {@code Locale.ROOT}, say what was
 * wrong and never echo quote bytes.
 */
public final class TdxException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** What kind of check failed; decides the {@link AttestationException} subclass. */
  public enum Kind {
    MALFORMED,
    SIGNATURE,
    CHAIN,
    BINDING,
    COLLATERAL,
    /** No TCB level (or TDX module level) of the TCB info matches: TCB not evaluated. */
    TCB_UNMATCHED
  }

  private final Kind kind;
  private final String check;

  /** A malformed-quote failure ({@code tdx.quote}). */
  public TdxException(String message) {
    this(Kind.MALFORMED, "tdx.quote", message, null);
  }

  public TdxException(String message, Throwable cause) {
    this(Kind.MALFORMED, "tdx.quote", message, cause);
  }

  public TdxException(Kind kind, String check, String message) {
    this(kind, check, message, null);
  }

  public TdxException(Kind kind, String check, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.check = check;
  }

  public Kind kind() {
    return kind;
  }

  /** The stable check name, e.g. {@code tdx.quote.signature}. */
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
      case COLLATERAL, TCB_UNMATCHED -> new CollateralException(check, message, this);
    };
  }
}
