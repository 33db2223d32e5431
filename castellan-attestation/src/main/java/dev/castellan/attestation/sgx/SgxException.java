package dev.castellan.attestation.sgx;

import dev.castellan.attestation.PlatformException;

/**
 * An SGX quote or its collateral failed to parse or verify. The DCAP machinery this package
 * shares with TDX reports its failures as {@link dev.castellan.attestation.tdx.TdxException}
 * with {@code tdx.} check names; {@link #of} renames them to {@code sgx.}, so every failure
 * of the SGX verifier is named in its own namespace. {@link SgxVerifier} turns it into the
 * matching {@link dev.castellan.attestation.AttestationException}.
 */
public final class SgxException extends PlatformException {
  private static final long serialVersionUID = 1L;

  /** A malformed-quote failure ({@code sgx.quote}). */
  public SgxException(String message) {
    this(Kind.MALFORMED, "sgx.quote", message, null);
  }

  public SgxException(Kind kind, String check, String message) {
    this(kind, check, message, null);
  }

  public SgxException(Kind kind, String check, String message, Throwable cause) {
    super(kind, check, message, cause);
  }

  /** {@code failure} under the SGX check name ({@code tdx.x} becomes {@code sgx.x}). */
  static SgxException of(PlatformException failure) {
    if (failure instanceof SgxException sgx) {
      return sgx;
    }
    String check = failure.check();
    String renamed = check.startsWith("tdx.") ? "sgx." + check.substring(4) : check;
    return new SgxException(failure.kind(), renamed, failure.getMessage(), failure);
  }
}
