package dev.castellan.authority;

/** The authority refused to issue a token; the message names the rule ({@code rule: detail}). */
public final class IssueDeniedException extends Exception {
  private static final long serialVersionUID = 1L;

  public IssueDeniedException(String message) {
    super(message);
  }
}
