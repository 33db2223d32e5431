package dev.castellan.keys.broker;

import java.security.GeneralSecurityException;

/**
 * The broker refused an operation. {@link #check()} names the failed check in the same
 * vocabulary as the appraisal ({@code policy.nitro.measurement}, {@code nitro.nonce}) or the
 * broker's own ({@code broker.locked}, {@code broker.challenge-expired}); {@link #kind()} says
 * which class of failure it is, for the HTTP mapping. Messages never hold key material.
 */
public final class BrokerException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** The class of a refusal; the HTTP front maps each to one status. */
  public enum Kind {
    /** Malformed input: a bad key id, policy, key or ciphertext (400). */
    BAD_INPUT,
    /** The caller is not an administrator of this key (403). */
    FORBIDDEN,
    /** Evidence, challenge or appraisal failed (403). */
    REFUSED,
    /** No such key (404). */
    NOT_FOUND,
    /** The key exists already, or is locked (409). */
    CONFLICT,
    /** The key's stored state does not pass the load checks (409; the operator must act). */
    UNAVAILABLE,
    /** Too many outstanding challenges (503 with Retry-After). */
    OVERLOADED
  }

  private final Kind kind;
  private final String check;

  public BrokerException(Kind kind, String check, String message) {
    super(message);
    this.kind = kind;
    this.check = check;
  }

  public Kind kind() {
    return kind;
  }

  /** The failed check's name, e.g. {@code broker.locked} or {@code policy.nitro.measurement}. */
  public String check() {
    return check;
  }
}
