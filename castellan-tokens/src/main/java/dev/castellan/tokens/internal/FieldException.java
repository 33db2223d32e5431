package dev.castellan.tokens.internal;

import java.util.Locale;

/**
 * A field of a decoded map that is missing, unknown, of the wrong CBOR type or out of range.
 * The message names the field and the problem, never the value.
 */
public final class FieldException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the field. */
  public enum Problem {
    MISSING,
    UNKNOWN,
    WRONG_TYPE,
    OUT_OF_RANGE
  }

  private final String field;
  private final Problem problem;

  public FieldException(String field, Problem problem, String detail) {
    super(String.format(Locale.ROOT, "field %s: %s (%s)", field, problem.name().toLowerCase(Locale.ROOT).replace('_', ' '), detail));
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  public Problem problem() {
    return problem;
  }
}
