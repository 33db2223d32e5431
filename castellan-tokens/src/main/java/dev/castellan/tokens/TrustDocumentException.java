package dev.castellan.tokens;

import java.util.Locale;

/** A key set or revocation list that was refused, with the {@link Problem} that refused it. */
public final class TrustDocumentException extends TokensException {
  private static final long serialVersionUID = 1L;

  /** Why a document was refused (docs/tokens.md, "Key sets" and "Revocation lists"). */
  public enum Problem {
    /** Not a document of the documented format. */
    MALFORMED,
    /** A signature does not verify. */
    SIGNATURE,
    /** A signature names a key that is neither in the trusted nor in the new key set. */
    UNKNOWN_SIGNER,
    /** A key set update lacks the signature of the trusted set's active (outgoing) key. */
    MISSING_OUTGOING_SIGNATURE,
    /** A key set update that changes the active key lacks that new key's signature. */
    MISSING_NEW_KEY_SIGNATURE,
    /** The version is not greater than the trusted document's: an older document never replaces a newer one. */
    VERSION_NOT_NEWER,
    /** The issuer differs from the trusted key set's. */
    ISSUER_MISMATCH,
    /** The signing key is unknown to, or not currently valid in, the trusted key set. */
    SIGNER_NOT_VALID
  }

  private final Problem problem;

  public TrustDocumentException(Problem problem, String detail) {
    this(problem, detail, null);
  }

  public TrustDocumentException(Problem problem, String detail, Throwable cause) {
    super(problem.name().toLowerCase(Locale.ROOT) + ": " + detail, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
