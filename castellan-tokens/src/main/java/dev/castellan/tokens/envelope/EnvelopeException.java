package dev.castellan.tokens.envelope;

import dev.castellan.tokens.TokensException;
import java.util.Locale;

/** An envelope that was refused, with the {@link Problem}; the message names the field, never its value. */
public final class EnvelopeException extends TokensException {
  private static final long serialVersionUID = 1L;

  /** Why an envelope was refused (docs/tokens.md, "Envelopes"). */
  public enum Problem {
    /** Larger than {@link EnvelopeCodec#MAX_ENVELOPE_BYTES}. */
    OVERSIZE,
    /** Not deterministic CBOR, not {@code {"type", "body"}}, or beyond the depth and item bounds. */
    MALFORMED,
    /** A {@code type} the schema does not name. */
    UNKNOWN_TYPE,
    /** A body field the schema does not name for this type. */
    UNKNOWN_FIELD,
    /** A required body field is absent. */
    MISSING_FIELD,
    /** A body field of another CBOR type than the schema gives. */
    WRONG_TYPE,
    /** A body field of the right type but outside its bounds, enum values or timestamp form. */
    OUT_OF_RANGE,
    /** A signature is missing, malformed, by a key not usable now, or does not verify. */
    SIGNATURE
  }

  private final Problem problem;

  public EnvelopeException(Problem problem, String detail) {
    this(problem, detail, null);
  }

  public EnvelopeException(Problem problem, String detail, Throwable cause) {
    super(problem.name().toLowerCase(Locale.ROOT) + ": " + detail, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
