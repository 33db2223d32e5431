package dev.castellan.attestation.tdx;

import dev.castellan.attestation.PlatformException;

/**
 * A TDX quote or its collateral failed to parse or verify. Every failure of the TDX parsers
 * and checks, including malformed input, is reported with this type (never a runtime
 * exception); {@link TdxVerifier} turns it into the matching {@link
 * dev.castellan.attestation.AttestationException} with {@link #toAttestationException()}.
 */
public final class TdxException extends PlatformException {
  private static final long serialVersionUID = 1L;

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
    super(kind, check, message, cause);
  }
}
