package dev.castellan.authority.acl;

/**
 * An ACL or scope-policy file is invalid. Names where ({@link #member()}, a JSON path such as
 * {@code subjects.vm-7[1]}) and why; never echoes a value that failed the grammar.
 */
public final class AclFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String member;

  public AclFormatException(String member, String message) {
    super(member + ": " + message);
    this.member = member;
  }

  public AclFormatException(String member, String message, Throwable cause) {
    super(member + ": " + message, cause);
    this.member = member;
  }

  /** Where in the file, e.g. {@code scopes.luks:unlock.maxLifetimeSeconds}; {@code $} for the whole file. */
  public String member() {
    return member;
  }
}
