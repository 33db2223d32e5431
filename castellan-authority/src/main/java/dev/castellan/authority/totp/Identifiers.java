package dev.castellan.authority.totp;

import java.util.regex.Pattern;

/**
 * The grammar of operator and device ids: 1 to 64 characters of {@code [A-Za-z0-9._@-]},
 * starting with a letter or digit. Narrow on purpose: ids name sealed files and appear in
 * audit records, so they never contain a path separator, a space or a control character.
 */
final class Identifiers {
  static final int MAX_LENGTH = 64;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private Identifiers() {}

  static boolean valid(String id) {
    return id != null && id.length() <= MAX_LENGTH && ID.matcher(id).matches();
  }

  /** @throws IllegalArgumentException naming the kind of id, never echoing it */
  static String require(String id, String what) {
    if (!valid(id)) {
      throw new IllegalArgumentException(
          what + " must be 1.." + MAX_LENGTH + " characters of [A-Za-z0-9._@-], starting with a letter or digit");
    }
    return id;
  }
}
