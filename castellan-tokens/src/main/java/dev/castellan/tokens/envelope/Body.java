package dev.castellan.tokens.envelope;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborBytes;
import dev.castellan.core.cbor.CborInteger;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborSimple;
import dev.castellan.core.cbor.CborText;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.envelope.EnvelopeException.Problem;
import dev.castellan.tokens.envelope.Schema.Field;
import dev.castellan.tokens.internal.FieldException;
import dev.castellan.tokens.internal.Rfc3339;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A body map checked against its type's {@link Schema}, with typed reads of its fields. */
final class Body {
  private final CborMap map;

  private Body(CborMap map) {
    this.map = map;
  }

  /** Checks every field: known, present when required, of its kind and within its bounds. */
  static Body check(String type, List<Field> fields, CborValue value) throws EnvelopeException {
    if (!(value instanceof CborMap map)) {
      throw new EnvelopeException(Problem.WRONG_TYPE, type + ".body must be a map");
    }
    Set<CborValue> known = new HashSet<>();
    for (Field field : fields) {
      known.add(CborValue.of(field.name()));
      CborValue v = map.get(field.name());
      if (v == null) {
        if (!field.optional()) {
          throw new EnvelopeException(Problem.MISSING_FIELD, type + "." + field.name() + " is required");
        }
        continue;
      }
      checkField(type + "." + field.name(), field, v);
    }
    for (Map.Entry<CborValue, CborValue> entry : map.entries()) {
      if (!known.contains(entry.getKey())) {
        throw new EnvelopeException(Problem.UNKNOWN_FIELD, type + ".body has a field the schema does not name");
      }
    }
    return new Body(map);
  }

  private static void checkField(String name, Field field, CborValue v) throws EnvelopeException {
    switch (field.kind()) {
      case STRING, ENUM -> {
        String text = expect(name, v, CborText.class, "text string").value();
        length(name, text.length(), field.min(), field.max());
        if (field.kind() == Schema.Kind.ENUM && !field.values().contains(text)) {
          throw new EnvelopeException(Problem.OUT_OF_RANGE, name + " must be one of " + field.values());
        }
      }
      case BYTES -> length(name, expect(name, v, CborBytes.class, "byte string").length(), field.min(), field.max());
      case TIMESTAMP -> {
        expect(name, v, CborText.class, "text string");
        try {
          Rfc3339.parse(v, name);
        } catch (FieldException e) {
          throw new EnvelopeException(Problem.OUT_OF_RANGE, name + " must be YYYY-MM-DDTHH:MM:SSZ");
        }
      }
      case STRING_LIST, BYTES_LIST -> {
        List<CborValue> items = expect(name, v, CborArray.class, "array").items();
        length(name, items.size(), field.min(), field.max());
        for (CborValue item : items) {
          if (field.kind() == Schema.Kind.STRING_LIST) {
            length(name, expect(name, item, CborText.class, "text string").value().length(), 1, Schema.TEXT_MAX);
          } else {
            length(name, expect(name, item, CborBytes.class, "byte string").length(), 1, Schema.ITEM_MAX);
          }
        }
      }
      case MAP -> {
        CborMap metadata = expect(name, v, CborMap.class, "map");
        length(name, metadata.size(), field.min(), field.max());
        for (Map.Entry<CborValue, CborValue> e : metadata.entries()) {
          length(name, expect(name, e.getKey(), CborText.class, "text string key").value().length(), 1, 64);
          CborValue value = e.getValue();
          boolean scalar = value instanceof CborText t && t.value().length() <= Schema.TEXT_MAX
              || value instanceof CborBytes b && b.length() <= Schema.TEXT_MAX
              || value instanceof CborInteger
              || value == CborSimple.TRUE || value == CborSimple.FALSE;
          if (!scalar) {
            throw new EnvelopeException(Problem.WRONG_TYPE, name + " values are text, bytes (<= 1024), integers or booleans");
          }
        }
      }
    }
  }

  private static <T extends CborValue> T expect(String name, CborValue v, Class<T> kind, String expected) throws EnvelopeException {
    if (!kind.isInstance(v)) {
      throw new EnvelopeException(Problem.WRONG_TYPE, name + " must be a " + expected + ", found " + v.kind());
    }
    return kind.cast(v);
  }

  private static void length(String name, int length, int min, int max) throws EnvelopeException {
    if (length < min || length > max) {
      throw new EnvelopeException(Problem.OUT_OF_RANGE, name + " length must be " + min + ".." + max);
    }
  }

  CborMap map() { return map; }

  String text(String name) { return ((CborText) map.get(name)).value(); }

  Optional<String> optionalText(String name) { return Optional.ofNullable(map.get(name)).map(v -> ((CborText) v).value()); }

  ByteString bytes(String name) { return ByteString.of(((CborBytes) map.get(name)).bytes()); }

  Optional<ByteString> optionalBytes(String name) { return Optional.ofNullable(map.get(name)).map(v -> ByteString.of(((CborBytes) v).bytes())); }

  SecretBytes secretText(String name) {
    return SecretBytes.copyOf(((CborText) map.get(name)).value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  SecretBytes secret(String name) { return SecretBytes.copyOf(((CborBytes) map.get(name)).bytes()); }

  Optional<SecretBytes> optionalSecret(String name) { return Optional.ofNullable(map.get(name)).map(v -> SecretBytes.copyOf(((CborBytes) v).bytes())); }

  Instant time(String name) { return optionalTime(name).orElseThrow(); }

  Optional<Instant> optionalTime(String name) {
    CborValue v = map.get(name);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Rfc3339.parse(v, name));
    } catch (FieldException e) {
      throw new IllegalStateException("checked by Body.check", e);
    }
  }

  List<String> texts(String name) { return ((CborArray) map.get(name)).items().stream().map(v -> ((CborText) v).value()).toList(); }

  Optional<List<ByteString>> optionalByteList(String name) {
    return Optional.ofNullable(map.get(name)).map(v -> ((CborArray) v).items().stream().map(i -> ByteString.of(((CborBytes) i).bytes())).toList());
  }

  Optional<CborMap> optionalMap(String name) { return Optional.ofNullable(map.get(name)).map(v -> (CborMap) v); }
}
