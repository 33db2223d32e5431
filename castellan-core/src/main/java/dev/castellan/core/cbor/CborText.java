package dev.castellan.core.cbor;

import java.util.Objects;

/**
 * A text string (major type 3): Unicode text, encoded as UTF-8. The string MUST be
 * well-formed UTF-16 (no unpaired surrogates), since it could not be encoded otherwise.
 */
public record CborText(String value) implements CborValue {
  public CborText {
    Objects.requireNonNull(value, "value");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("text contains an unpaired surrogate at index " + i);
      }
    }
  }

  @Override
  public String asText() {
    return value;
  }

  @Override
  public String kind() {
    return "text string";
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
