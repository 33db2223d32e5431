package dev.castellan.attestation.policy;

import dev.castellan.attestation.PolicyException;
import dev.castellan.attestation.SafeText;
import java.util.ArrayList;
import java.util.List;

/** Check-name patterns of {@code acceptSkipped}: {@code *} matches any run of characters. */
final class SkipPattern {
  /** In a policy file, this word stands for {@link AppraisalPolicy#DEFAULT_ACCEPT_SKIPPED}. */
  static final String DEFAULTS = "defaults";

  private SkipPattern() {}

  static boolean matches(String pattern, String name) {
    return matches(pattern, 0, name, 0);
  }

  private static boolean matches(String p, int i, String n, int j) {
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*') {
        for (int k = j; k <= n.length(); k++) {
          if (matches(p, i + 1, n, k)) {
            return true;
          }
        }
        return false;
      }
      if (j >= n.length() || n.charAt(j) != c) {
        return false;
      }
      i++;
      j++;
    }
    return j == n.length();
  }

  /** The patterns of a policy file, with {@code defaults} expanded; each must look like a check name. */
  static List<String> list(List<String> patterns) throws PolicyException {
    List<String> out = new ArrayList<>();
    for (String pattern : patterns) {
      if (pattern.equals(DEFAULTS)) {
        out.addAll(AppraisalPolicy.DEFAULT_ACCEPT_SKIPPED);
      } else if (pattern.matches("[a-z0-9*][a-z0-9.*-]{0,127}")) {
        out.add(pattern);
      } else {
        throw new PolicyException(PolicyJson.CHECK, "acceptSkipped entry " + SafeText.escape(pattern)
            + " is not a check-name pattern (lower-case letters, digits, '.', '-', '*')");
      }
    }
    return List.copyOf(out);
  }
}
