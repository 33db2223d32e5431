package dev.castellan.keys.pkcs11;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The character classes of RFC 7512 section 2.3 and percent-encoding (RFC 3986 section 2.1).
 * Pure functions.
 */
final class PercentEncoding {
  /** {@code pk11-res-avail}: allowed unencoded in both components. */
  private static final String RES_AVAIL = ":[]@!$'()*+,=";
  /** {@code pk11-path-res-avail} adds {@code &}; {@code pk11-query-res-avail} adds {@code / ? |}. */
  private static final String PATH_EXTRA = "&";
  private static final String QUERY_EXTRA = "/?|";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  /** RFC 3986 {@code unreserved}: ALPHA / DIGIT / "-" / "." / "_" / "~". */
  static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  /** {@code pk11-v-attr-nm-char}: ALPHA / DIGIT / "-" / "_". */
  static boolean isNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  /** {@code pk11-pchar} (path) or {@code pk11-qchar} (query), less {@code pct-encoded}. */
  static boolean isValueChar(char c, boolean query) {
    return isUnreserved(c) || RES_AVAIL.indexOf(c) >= 0 || (query ? QUERY_EXTRA : PATH_EXTRA).indexOf(c) >= 0;
  }

  /**
   * The bytes of a value: characters of its component's class as themselves, {@code %HH} as
   * one byte. Anything else, or a {@code %} not followed by two hex digits, is refused.
   */
  static byte[] decode(String name, String value, boolean query) throws Pkcs11UriException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        int high = i + 1 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int low = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw new Pkcs11UriException("attribute " + name + ": '%' must be followed by two hex digits");
        }
        out.write(high << 4 | low);
        i += 2;
      } else if (isValueChar(c, query)) {
        out.write(c);
      } else if (name.equals("pin-value")) {
        throw new Pkcs11UriException("attribute pin-value: a character must be percent-encoded (RFC 7512 section 2.3)");
      } else {
        throw new Pkcs11UriException(String.format(java.util.Locale.ROOT,
            "attribute %s: character U+%04X must be percent-encoded in the URI's %s (RFC 7512 section 2.3)",
            name, (int) c, query ? "query" : "path"));
      }
    }
    return out.toByteArray();
  }

  /** Strict UTF-8 text of decoded bytes; malformed sequences are refused. */
  static String utf8(String name, byte[] bytes) throws Pkcs11UriException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Pkcs11UriException("attribute " + name + " is not UTF-8 text");
    }
  }

  /** Every byte as {@code %HH} (the form RFC 7512 recommends for {@code id}). */
  static String encodeAll(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }
    return out.toString();
  }

  /**
   * Text as a value: unreserved characters (and in the query {@code / :}, so paths stay
   * readable) as themselves, every other UTF-8 byte as {@code %HH}.
   */
  static String encode(String text, boolean query) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (b >= 0 && (isUnreserved(c) || (query && (c == '/' || c == ':')))) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }
}
