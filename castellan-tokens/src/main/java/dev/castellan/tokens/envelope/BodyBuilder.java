package dev.castellan.tokens.envelope;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.CborArray;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.tokens.internal.Rfc3339;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes a body map; optional fields that are empty are left out (never written as null). */
final class BodyBuilder {
  private final CborMap.Builder map = CborMap.builder();

  BodyBuilder text(String name, String value) { map.put(name, CborValue.of(value)); return this; }

  BodyBuilder text(String name, Optional<String> value) { value.ifPresent(v -> text(name, v)); return this; }

  BodyBuilder bytes(String name, ByteString value) { map.put(name, CborValue.of(value.toByteArray())); return this; }

  BodyBuilder bytes(String name, Optional<ByteString> value) { value.ifPresent(v -> bytes(name, v)); return this; }

  BodyBuilder secret(String name, SecretBytes value) {
    byte[] raw = value.toByteArray();
    map.put(name, CborValue.of(raw));
    java.util.Arrays.fill(raw, (byte) 0);
    return this;
  }

  /** A secret carried as a text string (the TOTP code): UTF-8 inside the holder. */
  BodyBuilder secretText(String name, SecretBytes value) {
    byte[] raw = value.toByteArray();
    map.put(name, CborValue.of(new String(raw, java.nio.charset.StandardCharsets.UTF_8)));
    java.util.Arrays.fill(raw, (byte) 0);
    return this;
  }

  BodyBuilder secret(String name, Optional<SecretBytes> value) { value.ifPresent(v -> secret(name, v)); return this; }

  BodyBuilder time(String name, Instant value) { return text(name, Rfc3339.format(value)); }

  BodyBuilder time(String name, Optional<Instant> value) { value.ifPresent(v -> time(name, v)); return this; }

  BodyBuilder texts(String name, List<String> values) {
    map.put(name, new CborArray(values.stream().map(v -> (CborValue) CborValue.of(v)).toList()));
    return this;
  }

  BodyBuilder byteList(String name, Optional<List<ByteString>> values) {
    values.ifPresent(list -> map.put(name, new CborArray(list.stream().map(v -> (CborValue) CborValue.of(v.toByteArray())).toList())));
    return this;
  }

  BodyBuilder map(String name, Optional<CborMap> value) { value.ifPresent(v -> map.put(name, v)); return this; }

  CborMap build() { return map.build(); }
}
