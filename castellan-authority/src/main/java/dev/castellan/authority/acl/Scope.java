package dev.castellan.authority.acl;

import java.util.regex.Pattern;

/**
 * A capability scope {@code resource:action}, e.g. {@code luks:unlock} or {@code net:update}.
 * Grammar: {@code [a-z0-9_-]{1,32} ":" [a-z0-9_-]{1,32}}, so a scope is at most 65 characters,
 * lower case, with exactly one colon; nothing else (no wildcards: a grant names what it grants).
 *
 * @param value the scope text
 */
public record Scope(String value) implements Comparable<Scope> {
  public static final int MAX_LENGTH = 65;
  private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9_-]{1,32}:[a-z0-9_-]{1,32}");

  /** @throws IllegalArgumentException if {@code value} is not a scope (the message does not echo it) */
  public Scope {
    if (!valid(value)) {
      throw new IllegalArgumentException("a scope is resource:action, each 1..32 characters of [a-z0-9_-]");
    }
  }

  public static Scope of(String value) {
    return new Scope(value);
  }

  public static boolean valid(String value) {
    return value != null && value.length() <= MAX_LENGTH && GRAMMAR.matcher(value).matches();
  }

  public String resource() {
    return value.substring(0, value.indexOf(':'));
  }

  public String action() {
    return value.substring(value.indexOf(':') + 1);
  }

  /** Whether this is an {@code *:unlock} scope, which has the shorter default lifetime. */
  public boolean isUnlock() {
    return action().equals("unlock");
  }

  @Override
  public int compareTo(Scope other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
