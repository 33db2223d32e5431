package dev.castellan.keys.pkcs11;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The RFC 7512 section 2.3 grammar, into a {@link Pkcs11Uri}. */
final class Pkcs11UriParser {
  private static final String SCHEME = "pkcs11:";
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3})?");
  /** CKA_ID, like CKA_LABEL, has no size in the standard; tools write 1 to 20 bytes. */
  private static final int MAX_ID = 255;
  /** PKCS#11 tokens report ulMaxPinLen; none we know of accepts more than 255 bytes. */
  static final int MAX_PIN = 255;
  private static final int MAX_PATH_VALUE = 4096;
  private static final Set<String> QUERY = Set.of("pin-source", "pin-value", "module-name", "module-path");
  private static final Set<String> PATH_ONLY = Set.of("id", "type", "slot-id", "library-version");

  private Pkcs11UriParser() {}

  static Pkcs11Uri parse(String uri) throws Pkcs11UriException {
    if (uri.length() > Pkcs11Uri.MAX_LENGTH) {
      throw new Pkcs11UriException("a PKCS#11 URI is at most " + Pkcs11Uri.MAX_LENGTH + " characters");
    }
    if (!uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new Pkcs11UriException("a PKCS#11 URI starts with 'pkcs11:' (RFC 7512)");
    }
    String rest = uri.substring(SCHEME.length());
    int question = rest.indexOf('?');
    String path = question < 0 ? rest : rest.substring(0, question);
    String query = question < 0 ? "" : rest.substring(question + 1);
    Map<String, String> pathValues = split(path, ';', false);
    Map<String, String> queryValues = split(query, '&', true);

    Map<String, String> text = new LinkedHashMap<>();
    byte[] id = null;
    Pkcs11Uri.ObjectType type = null;
    Long slotId = null;
    String libraryVersion = null;
    for (Map.Entry<String, String> attribute : pathValues.entrySet()) {
      String name = attribute.getKey();
      String raw = attribute.getValue();
      Integer max = Pkcs11Uri.TEXT_ATTRIBUTES.get(name);
      if (max != null) {
        text.put(name, text(name, PercentEncoding.decode(name, raw, false), max));
      } else {
        switch (name) {
          case "id" -> id = bounded(name, PercentEncoding.decode(name, raw, false), MAX_ID);
          case "type" -> {
            String value = PercentEncoding.utf8(name, PercentEncoding.decode(name, raw, false));
            type = Pkcs11Uri.ObjectType.of(value).orElseThrow(() -> new Pkcs11UriException(
                "attribute type must be one of public, private, cert, secret-key, data"));
          }
          case "slot-id" -> slotId = slotId(PercentEncoding.utf8(name, PercentEncoding.decode(name, raw, false)));
          case "library-version" -> {
            String value = PercentEncoding.utf8(name, PercentEncoding.decode(name, raw, false));
            if (!VERSION.matcher(value).matches()) {
              throw new Pkcs11UriException("attribute library-version must be M or M.m (decimal)");
            }
            libraryVersion = value;
          }
          default -> throw new Pkcs11UriException("unknown path attribute '" + safe(name)
              + "': RFC 7512 section 2.5 says a URI with an unrecognized path attribute matches nothing");
        }
      }
    }

    String modulePath = queryText(queryValues, "module-path", MAX_PATH_VALUE);
    if (modulePath != null && !Path.of(modulePath).isAbsolute()) {
      throw new Pkcs11UriException("module-path must be an absolute path to the module");
    }
    String moduleName = queryText(queryValues, "module-name", 255);
    String pinSource = queryText(queryValues, "pin-source", MAX_PATH_VALUE);
    SecretBytes pinValue = null;
    if (queryValues.containsKey("pin-value")) {
      byte[] pin = PercentEncoding.decode("pin-value", queryValues.get("pin-value"), true);
      try {
        if (pin.length == 0 || pin.length > MAX_PIN) {
          throw new Pkcs11UriException("pin-value must be 1 to " + MAX_PIN + " bytes");
        }
        pinValue = SecretBytes.copyOf(pin);
      } finally {
        Arrays.fill(pin, (byte) 0);
      }
    }
    if (pinValue != null && pinSource != null) {
      throw new Pkcs11UriException("give pin-source or pin-value, not both");
    }
    return new Pkcs11Uri(text, id, type, slotId, libraryVersion, modulePath, moduleName, pinSource, pinValue);
  }

  /**
   * {@code name=value} pairs separated by {@code separator}; names lower-cased. A standard
   * attribute may appear only once; unknown query attributes are checked and dropped.
   */
  private static Map<String, String> split(String component, char separator, boolean query) throws Pkcs11UriException {
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    if (component.isEmpty()) {
      return out;
    }
    for (String pair : component.split(Pattern.quote(String.valueOf(separator)), -1)) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        // A query pair is not echoed: it may be a mistyped pin-value.
        throw new Pkcs11UriException(query ? "a query attribute is not name=value (RFC 7512 section 2.3)"
            : "path attribute '" + safe(pair) + "' is not name=value (RFC 7512 section 2.3)");
      }
      String name = pair.substring(0, equals);
      if (!name.chars().allMatch(c -> PercentEncoding.isNameChar((char) c))) {
        throw new Pkcs11UriException("attribute name '" + safe(name) + "' has characters outside A-Z a-z 0-9 - _");
      }
      name = name.toLowerCase(Locale.ROOT);
      String value = pair.substring(equals + 1);
      if (!seen.add(name)) {
        throw new Pkcs11UriException("attribute " + name + " appears twice (RFC 7512 section 2.3 allows it once)");
      }
      if (!query && QUERY.contains(name)) {
        throw new Pkcs11UriException("attribute " + name + " belongs in the query (after '?')");
      }
      if (query && !QUERY.contains(name) && (Pkcs11Uri.TEXT_ATTRIBUTES.containsKey(name) || PATH_ONLY.contains(name))) {
        // Not an unknown query attribute to ignore: a path attribute put in the wrong place.
        throw new Pkcs11UriException("attribute " + name + " belongs in the path (before '?')");
      }
      PercentEncoding.decode(name, value, query); // checks the characters of ignored attributes too
      if (!query || QUERY.contains(name)) {
        out.put(name, value);
      }
    }
    return out;
  }

  private static String queryText(Map<String, String> query, String name, int max) throws Pkcs11UriException {
    String raw = query.get(name);
    return raw == null ? null : text(name, PercentEncoding.decode(name, raw, true), max);
  }

  private static String text(String name, byte[] bytes, int max) throws Pkcs11UriException {
    String value = PercentEncoding.utf8(name, bounded(name, bytes, max));
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new Pkcs11UriException("attribute " + name + " contains a control character");
    }
    return value;
  }

  private static byte[] bounded(String name, byte[] bytes, int max) throws Pkcs11UriException {
    if (bytes.length > max) {
      throw new Pkcs11UriException("attribute " + name + " is longer than " + max + " bytes");
    }
    return bytes;
  }

  private static long slotId(String value) throws Pkcs11UriException {
    if (!DIGITS.matcher(value).matches()) {
      throw new Pkcs11UriException("attribute slot-id must be a decimal number");
    }
    try {
      return Long.parseUnsignedLong(value); // CK_SLOT_ID is an unsigned long
    } catch (NumberFormatException e) {
      throw new Pkcs11UriException("attribute slot-id is larger than an unsigned 64-bit number");
    }
  }

  /** Input echoed in a message: at most 40 characters, printable ASCII only. */
  private static String safe(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(40).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return text.length() > 40 ? out + "..." : out.toString();
  }
}
