package dev.castellan.runtime.init.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of TOML 1.0 (https://toml.io/en/v1.0.0) unit files use, parsed strictly: {@code
 * [Table]} headers, {@code key = value} with bare keys, basic and literal strings, decimal
 * integers, booleans, and arrays (over several lines, trailing comma allowed), {@code #}
 * comments. Anything else (dotted keys, inline tables, floats, dates, multi-line strings) is
 * refused with its line, as is a key or table given twice. Callers bound the input size.
 */
public final class TomlSubset {
  /** A value and the line its key is on. */
  public record Entry(int line, Object value) {}

  /** Tables by name, each key to its entry (keys before any header in table ""), and the line of each header. */
  public record Document(Map<String, Map<String, Entry>> tables, Map<String, Integer> headerLines) {}

  /** Malformed input at a 1-based line. */
  public static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    SyntaxException(int line, String message) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  /** Arrays longer than this are refused: no unit lists more dependencies or variables. */
  public static final int MAXIMUM_ARRAY_LENGTH = 256;

  private final String text;
  private int position;
  private int line = 1;

  private TomlSubset(String text) {
    this.text = text;
  }

  /** The document {@code text} holds. */
  public static Document parse(String text) throws SyntaxException {
    return new TomlSubset(text).document();
  }

  private Document document() throws SyntaxException {
    Map<String, Integer> headerLines = new LinkedHashMap<>();
    Map<String, Map<String, Entry>> tables = new LinkedHashMap<>();
    Map<String, Entry> current = new LinkedHashMap<>();
    tables.put("", current);
    while (true) {
      skipBlank();
      if (position >= text.length()) {
        return new Document(tables, headerLines);
      }
      char c = text.charAt(position);
      if (c == '[') {
        position++;
        String name = bareKey();
        expect(']');
        if (tables.containsKey(name)) {
          throw error("table [" + name + "] is given twice");
        }
        current = new LinkedHashMap<>();
        tables.put(name, current);
        headerLines.put(name, line);
      } else {
        int keyLine = line;
        String key = bareKey();
        skipSpaces();
        expect('=');
        skipSpaces();
        Object value = value();
        if (current.containsKey(key)) {
          throw new SyntaxException(keyLine, "key " + key + " is given twice");
        }
        current.put(key, new Entry(keyLine, value));
      }
      endOfLine();
    }
  }

  private Object value() throws SyntaxException {
    if (position >= text.length()) {
      throw error("a value is missing");
    }
    char c = text.charAt(position);
    if (c == '"') {
      return basicString();
    }
    if (c == '\'') {
      return literalString();
    }
    if (c == '[') {
      return array();
    }
    if (text.startsWith("true", position)) {
      position += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", position)) {
      position += 5;
      return Boolean.FALSE;
    }
    if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
      return integer();
    }
    throw error("unsupported value (expected a string, an integer, a boolean or an array)");
  }

  private List<Object> array() throws SyntaxException {
    position++;
    List<Object> items = new ArrayList<>();
    while (true) {
      skipBlank();
      if (position < text.length() && text.charAt(position) == ']') {
        position++;
        return items;
      }
      if (items.size() == MAXIMUM_ARRAY_LENGTH) {
        throw error("an array has more than " + MAXIMUM_ARRAY_LENGTH + " elements");
      }
      items.add(value());
      skipBlank();
      if (position < text.length() && text.charAt(position) == ',') {
        position++;
      } else if (position >= text.length() || text.charAt(position) != ']') {
        throw error("expected , or ] in an array");
      }
    }
  }

  private Long integer() throws SyntaxException {
    int start = position;
    if (text.charAt(position) == '-' || text.charAt(position) == '+') {
      position++;
    }
    while (position < text.length() && Character.isDigit(text.charAt(position))) {
      position++;
    }
    String digits = text.substring(start, position);
    if (position < text.length() && ".eE_:xob".indexOf(text.charAt(position)) >= 0) {
      throw error("only decimal integers are supported");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw error("not an integer: " + digits);
    }
  }

  private String basicString() throws SyntaxException {
    position++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (position >= text.length() || text.charAt(position) == '\n') {
        throw error("unterminated string");
      }
      char c = text.charAt(position++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        if (c < 0x20 && c != '\t') {
          throw error("control character in a string");
        }
        out.append(c);
        continue;
      }
      if (position >= text.length()) {
        throw error("unterminated string");
      }
      char e = text.charAt(position++);
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> out.append(unicode(4));
        case 'U' -> out.append(unicode(8));
        default -> throw error("unknown escape \\" + printable(e));
      }
    }
  }

  private String unicode(int digits) throws SyntaxException {
    if (position + digits > text.length()) {
      throw error("short unicode escape");
    }
    try {
      int codePoint = Integer.parseInt(text.substring(position, position + digits), 16);
      position += digits;
      return Character.toString(codePoint);
    } catch (IllegalArgumentException e) {
      throw error("invalid unicode escape");
    }
  }

  private String literalString() throws SyntaxException {
    int end = text.indexOf('\'', position + 1);
    int newline = text.indexOf('\n', position + 1);
    if (end < 0 || (newline >= 0 && newline < end)) {
      throw error("unterminated string");
    }
    String value = text.substring(position + 1, end);
    position = end + 1;
    return value;
  }

  private String bareKey() throws SyntaxException {
    int start = position;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '_' && c != '-') {
        break;
      }
      position++;
    }
    if (start == position) {
      throw error("expected a key");
    }
    return text.substring(start, position);
  }

  private void expect(char c) throws SyntaxException {
    if (position >= text.length() || text.charAt(position) != c) {
      throw error("expected " + c);
    }
    position++;
  }

  private void endOfLine() throws SyntaxException {
    skipSpaces();
    if (position < text.length() && text.charAt(position) == '#') {
      skipComment();
    }
    if (position < text.length() && text.charAt(position) == '\r') {
      position++;
    }
    if (position < text.length() && text.charAt(position) != '\n') {
      throw error("unexpected " + printable(text.charAt(position)) + " after the value");
    }
  }

  private void skipSpaces() {
    while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
      position++;
    }
  }

  private void skipComment() {
    while (position < text.length() && text.charAt(position) != '\n') {
      position++;
    }
  }

  private void skipBlank() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == '\n') {
        line++;
        position++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        position++;
      } else if (c == '#') {
        skipComment();
      } else {
        return;
      }
    }
  }


  private SyntaxException error(String message) {
    return new SyntaxException(line, message);
  }

  /** A character as it may be shown in a message: printable ASCII itself, anything else as U+XXXX. */
  private static String printable(char c) {
    return c >= 0x21 && c < 0x7F ? String.valueOf(c) : String.format(Locale.ROOT, "U+%04X", (int) c);
  }
}
