package dev.castellan.core.smt;

/**
 * An encoded {@link SmtProof} that is malformed (a length over the maximum, shorter than the
 * bitmap or not the one the bitmap implies, a sibling marked present that is all zeros) or, from
 * the throwing {@code verify…} methods, a proof that does not lead to the expected root. The
 * message names which; it never contains the proof's bytes.
 */
public final class SmtProofException extends Exception {
  private static final long serialVersionUID = 1L;

  public SmtProofException(String message) {
    super(message);
  }
}
