package dev.castellan.server.http;

import java.util.Map;

/**
 * A response ready for the wire: status, every header (signatures included) and the body.
 * {@code framingBroken} means the request body could not be decoded: the connection can
 * no longer be read, so the front answers through its own malformed-request path (one
 * signed 400, then close) instead of sending this reply.
 */
public record Reply(int status, Map<String, String> headers, byte[] body, boolean framingBroken) {
  /**
   * Every header name is an RFC 9110 token and every value visible ASCII, spaces and tabs
   * (no CR or LF): a reply cannot split or inject headers, whatever a handler put in it.
   */
  public Reply {
    headers.forEach((name, value) -> {
      if (!token(name) || !fieldValue(value)) {
        throw new IllegalArgumentException("response header " + Sanitize.forMessage(name) + " is not a valid HTTP field");
      }
    });
  }

  private static boolean token(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 0x80 || !TCHAR[c]) {
        return false;
      }
    }
    return true;
  }

  private static boolean fieldValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** RFC 9110 §5.6.2 tchar, by ASCII code. */
  private static final boolean[] TCHAR = new boolean[0x80];

  static {
    for (char c = 0x21; c < 0x7f; c++) {
      TCHAR[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
  }
}
