package dev.castellan.runtime.monitor;

import java.util.Optional;
import java.util.regex.Pattern;

/** One line of an ignore file, compiled: the glob as a regex over a relative path. */
record IgnorePattern(String source, boolean negated, boolean directoryOnly, Pattern regex) {
  static Optional<IgnorePattern> parse(String line) {
    String text = line.stripTrailing();
    if (text.isEmpty() || text.startsWith("#")) {
      return Optional.empty();
    }
    String source = text;
    boolean negated = text.startsWith("!");
    if (negated) {
      text = text.substring(1);
    }
    boolean directoryOnly = text.endsWith("/");
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    boolean anchored = text.indexOf('/') >= 0;
    while (text.startsWith("/")) {
      text = text.substring(1);
    }
    if (text.isEmpty()) {
      return Optional.empty(); // "/" or "!": matches nothing a watch reports
    }
    String body = globToRegex(text);
    return Optional.of(new IgnorePattern(source, negated, directoryOnly,
        Pattern.compile(anchored ? body : "(?:.*/)?" + body)));
  }

  boolean matches(String path, boolean directory) {
    return (directory || !directoryOnly) && regex.matcher(path).matches();
  }

  /** {@code **}/ = any leading segments, /{@code **} = anything beneath, * and ? within a segment. */
  static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (glob.startsWith("**/", i)) {
        regex.append("(?:.*/)?");
        i += 3;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (c == '*') {
        regex.append("[^/]*");
        i++;
      } else if (c == '?') {
        regex.append("[^/]");
        i++;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return regex.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
