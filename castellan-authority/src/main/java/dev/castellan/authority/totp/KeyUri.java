package dev.castellan.authority.totp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Google Authenticator key URI format: {@code
 * otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30},
 * with the secret in unpadded base32 (RFC 4648) and the labels percent-encoded as UTF-8
 * (RFC 3986: everything but the unreserved characters, so a space is {@code %20}).
 *
 * <p>Labels are 1 to {@value #MAX_LABEL} characters with no colon (the format's separator)
 * and no control characters. The URI contains the secret: show it once, never log it.
 */
public final class KeyUri {
  public static final int MAX_LABEL = 64;

  private KeyUri() {}

  /**
   * The key URI for {@code secret}.
   *
   * @throws IllegalArgumentException if a label is empty, too long, or has a colon or a control character
   */
  public static String of(String issuer, String account, TotpSecret secret, TotpParameters parameters) {
    Totp.requireAlgorithm(secret, parameters);
    String encodedIssuer = encode(requireLabel(issuer, "issuer"));
    return "otpauth://totp/" + encodedIssuer + ":" + encode(requireLabel(account, "account"))
        + "?secret=" + secret.base32()
        + "&issuer=" + encodedIssuer
        + "&algorithm=" + parameters.algorithm().uriName()
        + "&digits=" + parameters.digits()
        + "&period=" + parameters.periodSeconds();
  }

  static String requireLabel(String label, String what) {
    if (label == null || label.isEmpty() || label.length() > MAX_LABEL) {
      throw new IllegalArgumentException(what + " must be 1.." + MAX_LABEL + " characters");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c == ':' || Character.isISOControl(c)) {
        throw new IllegalArgumentException(what + " must not contain a colon or a control character");
      }
    }
    return label;
  }

  /** RFC 3986 §2.1 percent-encoding of the UTF-8 bytes, keeping only the unreserved characters (§2.3). */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }
}
