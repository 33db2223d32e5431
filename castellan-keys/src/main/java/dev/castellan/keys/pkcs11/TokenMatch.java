package dev.castellan.keys.pkcs11;

import dev.castellan.keys.pkcs11.internal.Info;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * RFC 7512 section 2.5 matching of a URI's library, slot and token attributes against the
 * module's structures: every attribute the URI has must equal the field (trailing blanks
 * removed); an attribute it lacks matches anything. Pure functions.
 */
final class TokenMatch {
  private static final Map<String, Function<Info.Token, String>> TOKEN = Map.of(
      "token", Info.Token::label, "manufacturer", Info.Token::manufacturer,
      "serial", Info.Token::serial, "model", Info.Token::model);
  private static final Map<String, Function<Info.Slot, String>> SLOT = Map.of(
      "slot-description", Info.Slot::description, "slot-manufacturer", Info.Slot::manufacturer);
  private static final Map<String, Function<Info.Module, String>> LIBRARY = Map.of(
      "library-manufacturer", Info.Module::manufacturer, "library-description", Info.Module::description);

  private TokenMatch() {}

  /** The first library attribute the module does not match, or empty. */
  static Optional<String> libraryMismatch(Pkcs11Uri uri, Info.Module module) {
    for (var entry : LIBRARY.entrySet()) {
      Optional<String> wanted = uri.attribute(entry.getKey());
      if (wanted.isPresent() && !wanted.get().equals(entry.getValue().apply(module))) {
        return Optional.of(entry.getKey());
      }
    }
    if (uri.libraryVersion().isPresent()) {
      String wanted = uri.libraryVersion().get();
      // "library-version=2" means major version 2, any minor (RFC 7512 section 2.3).
      boolean matches = wanted.contains(".") ? wanted.equals(module.version())
          : Integer.parseInt(wanted) == module.versionMajor();
      if (!matches) {
        return Optional.of("library-version");
      }
    }
    return Optional.empty();
  }

  static boolean matches(Pkcs11Uri uri, Info.Slot slot, Info.Token token) {
    if (uri.slotId().isPresent() && uri.slotId().getAsLong() != slot.id()) {
      return false;
    }
    for (var entry : SLOT.entrySet()) {
      Optional<String> wanted = uri.attribute(entry.getKey());
      if (wanted.isPresent() && !wanted.get().equals(entry.getValue().apply(slot))) {
        return false;
      }
    }
    for (var entry : TOKEN.entrySet()) {
      Optional<String> wanted = uri.attribute(entry.getKey());
      if (wanted.isPresent() && !wanted.get().equals(entry.getValue().apply(token))) {
        return false;
      }
    }
    return true;
  }

  /** A label or other token text for a message: quoted, control characters as '?', at most 64. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    text.codePoints().limit(64).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.append(text.length() > 64 ? "...'" : "'").toString();
  }
}
