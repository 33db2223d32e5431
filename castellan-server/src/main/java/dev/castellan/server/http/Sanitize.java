package dev.castellan.server.http;

/** Makes attacker-supplied text safe to quote in an error message: short and printable. */
public final class Sanitize {
  private static final int MAX = 64;

  private Sanitize() {}

  /** At most 64 printable ASCII characters; anything else becomes '?'. */
  public static String forMessage(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 3));
    for (int i = 0; i < text.length() && i < MAX; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (text.length() > MAX) {
      out.append("...");
    }
    return out.toString();
  }
}
