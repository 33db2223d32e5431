package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.Diagnostic;
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

  /** Diagnostic notation (RFC 8949 §8). */
  @Override
  public String toString() {
    return Diagnostic.of(this);
  }
}
