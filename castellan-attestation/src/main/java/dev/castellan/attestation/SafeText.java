package dev.castellan.attestation;

import java.util.Locale;

/**
 * Makes text taken from evidence safe to put into messages and check reasons: non-printable
 * and non-ASCII characters are escaped as {@code \\uXXXX} and the result is bounded, so a
 * message never carries attacker bytes unescaped (terminal escapes, log injection).
 */
public final class SafeText {
  /** Longest escaped text a message will carry. */
  public static final int MAX_LENGTH = 160;

  private SafeText() {}

  public static String escape(CharSequence text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= MAX_LENGTH) {
        out.append("...");
        break;
      }
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return out.toString();
  }
}
