package dev.castellan.core.cbor;

import dev.castellan.core.internal.cbor.Diagnostic;

/**
 * A simple value (major type 7, RFC 8949 §3.3): {@link #FALSE}, {@link #TRUE}, {@link #NULL},
 * {@link #UNDEFINED}, or an unassigned value 0..19 or 32..255. Values 24..31 do not exist:
 * their two-byte encodings are not well-formed.
 */
public record CborSimple(int value) implements CborValue {
  public static final CborSimple FALSE = new CborSimple(20);
  public static final CborSimple TRUE = new CborSimple(21);
  public static final CborSimple NULL = new CborSimple(22);
  public static final CborSimple UNDEFINED = new CborSimple(23);

  public CborSimple {
    if (value < 0 || value > 255 || (value >= 24 && value <= 31)) {
      throw new IllegalArgumentException("no simple value " + value + " (valid: 0..23, 32..255)");
    }
  }

  @Override
  public boolean asBoolean() throws CborException {
    return switch (value) {
      case 20 -> false;
      case 21 -> true;
      default -> CborValue.super.asBoolean();
    };
  }

  @Override
  public boolean isNull() {
    return value == 22;
  }

  @Override
  public String kind() {
    return switch (value) {
      case 20, 21 -> "boolean";
      case 22 -> "null";
      case 23 -> "undefined";
      default -> "simple value";
    };
  }

  /** Diagnostic notation (RFC 8949 §8). */
  @Override
  public String toString() {
    return Diagnostic.of(this);
  }
}
