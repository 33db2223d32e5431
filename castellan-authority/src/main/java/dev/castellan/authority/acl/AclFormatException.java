package dev.castellan.authority.acl;

/**
 * An ACL or scope-policy file is invalid. Names where ({@link #member()}, a JSON path such as
 * {@code subjects.vm-7[1]}) and why; never echoes a value that failed the grammar.
 */
public final class AclFormatException extends Exception {
  private static final long serialVersionUID = 1L;
  /**
   * Largest ACL or scope-policy file: 1 MiB. An ACL line is at most a 64-character subject and
   * 64 scopes of 65 characters (about 4.3 KB), so this holds a few hundred full subjects or
   * thousands of ordinary ones, and bounds the parse.
   */
  public static final int MAX_FILE_BYTES = 1 << 20;

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
