package dev.castellan.tokens.internal;

import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.internal.FieldException.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of a decoded map with exact types, remembering which keys were read so
 * that {@link #requireNoOtherFields()} can refuse every key that no reader asked for. Each
 * reader names the field by its documented name (e.g. {@code "exp"}) in errors.
 */
public final class StrictMap {
  private final CborMap map;
  private final Set<CborValue> read = new HashSet<>();

  private StrictMap(CborMap map) {
    this.map = map;
  }

  public static StrictMap of(CborValue value, String what) throws FieldException {
    if (!(value instanceof CborMap map)) {
      throw new FieldException(what, Problem.WRONG_TYPE, "expected map, found " + value.kind());
    }
    return new StrictMap(map);
  }

  /** The raw value, or null when absent; marks the key as read. */
  public CborValue optional(CborValue key) {
    read.add(key);
    return map.get(key);
  }

  public CborValue require(CborValue key, String name) throws FieldException {
    CborValue value = optional(key);
    if (value == null) {
      throw new FieldException(name, Problem.MISSING, "required");
    }
    return value;
  }

  /** Refuses any key no reader asked for; {@code name} describes the map. */
  public void requireNoOtherFields(String name) throws FieldException {
    for (Map.Entry<CborValue, CborValue> entry : map.entries()) {
      if (!read.contains(entry.getKey())) {
        String key = entry.getKey() instanceof CborText text && text.value().length() <= 64
            ? "\"" + printable(text.value()) + "\"" : entry.getKey().kind();
        throw new FieldException(name, Problem.UNKNOWN, "unknown key " + key);
      }
    }
  }

  public int size() {
    return map.size();
  }

  /** A text string of {@code 1..maxLength} UTF-16 units. */
  public static String text(CborValue value, String name, int maxLength) throws FieldException {
    if (!(value instanceof CborText text)) {
      throw new FieldException(name, Problem.WRONG_TYPE, "expected text string, found " + value.kind());
    }
    if (text.value().isEmpty() || text.value().length() > maxLength) {
      throw new FieldException(name, Problem.OUT_OF_RANGE, "length must be 1.." + maxLength);
    }
    return text.value();
  }

  /** A byte string of {@code minLength..maxLength} bytes. */
  public static byte[] bytes(CborValue value, String name, int minLength, int maxLength) throws FieldException {
    if (!(value instanceof CborBytes bytes)) {
      throw new FieldException(name, Problem.WRONG_TYPE, "expected byte string, found " + value.kind());
    }
    if (bytes.length() < minLength || bytes.length() > maxLength) {
      throw new FieldException(name, Problem.OUT_OF_RANGE, "length must be " + minLength + ".." + maxLength);
    }
    return bytes.bytes();
  }

  /** An unsigned integer in {@code [min, max]}. */
  public static long unsigned(CborValue value, String name, long min, long max) throws FieldException {
    if (!(value instanceof CborInteger integer) || integer.isNegative()) {
      throw new FieldException(name, Problem.WRONG_TYPE, "expected unsigned integer, found " + value.kind());
    }
    long n = integer.argument();
    if (n < min || n > max) { // argument() is unsigned: a value above 2^63 reads negative and fails here
      throw new FieldException(name, Problem.OUT_OF_RANGE, "must be " + min + ".." + max);
    }
    return n;
  }

  /** An array of {@code 1..maxItems} items. */
  public static List<CborValue> array(CborValue value, String name, int minItems, int maxItems) throws FieldException {
    if (!(value instanceof CborArray array)) {
      throw new FieldException(name, Problem.WRONG_TYPE, "expected array, found " + value.kind());
    }
    if (array.size() < minItems || array.size() > maxItems) {
      throw new FieldException(name, Problem.OUT_OF_RANGE, "must hold " + minItems + ".." + maxItems + " items");
    }
    return array.items();
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '?'));
    return out.toString();
  }
}
