package dev.castellan.attestation.internal;

import dev.castellan.attestation.MalformedEvidenceException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Strict decoding of PEM {@code CERTIFICATE} blocks (RFC 7468, section 3, "stricttextualmsg"),
 * so that exactly one text decodes to a given DER and no byte of accepted evidence is
 * malleable: the BEGIN and END boundaries stand on lines of their own, the base64 body is
 * lines of exactly 64 characters (the last one 1 to 64) from the standard alphabet, and the
 * body is canonical base64 (correct padding, zero trailing bits), checked by re-encoding the
 * decoded bytes and comparing. Between blocks only line breaks, spaces, tabs and NUL (quote
 * buffers are NUL-padded) may appear.
 *
 * <p>Java's {@code Base64} decoders accept missing padding and non-zero trailing bits, and the
 * MIME decoder skips every character outside the alphabet; none of that is accepted here.
 */
public final class StrictPem {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";
  private static final int LINE = 64;

  private StrictPem() {}

  /**
   * The DER bytes of every certificate block of {@code pem}, in order; {@code maximum} bounds
   * the count.
   *
   * @throws MalformedEvidenceException naming {@code check} and what is wrong
   */
  public static List<byte[]> certificates(String pem, int maximum, String check)
      throws MalformedEvidenceException {
    List<byte[]> out = new ArrayList<>();
    int at = 0;
    while (true) {
      int begin = pem.indexOf(BEGIN, at);
      requireFiller(pem, at, begin < 0 ? pem.length() : begin, check);
      if (begin < 0) {
        break;
      }
      if (out.size() == maximum) {
        throw new MalformedEvidenceException(
            check, "too many PEM certificates", "at most " + maximum, null);
      }
      if (begin > 0 && pem.charAt(begin - 1) != '\n' && pem.charAt(begin - 1) != '\0') {
        throw new MalformedEvidenceException(check, "PEM BEGIN boundary is not at a line start");
      }
      int bodyStart = lineBreak(pem, begin + BEGIN.length(), check, "BEGIN");
      int end = pem.indexOf(END, bodyStart);
      if (end < 0) {
        throw new MalformedEvidenceException(check, "PEM certificate has no END boundary");
      }
      out.add(body(pem.substring(bodyStart, end), check));
      at = end + END.length();
      if (at < pem.length()) {
        lineBreak(pem, at, check, "END");
      }
    }
    return out;
  }

  /** The index after the line break at {@code i}; the boundary must end its line. */
  private static int lineBreak(String pem, int i, String check, String which)
      throws MalformedEvidenceException {
    if (i < pem.length() && pem.charAt(i) == '\n') {
      return i + 1;
    }
    if (i + 1 < pem.length() && pem.charAt(i) == '\r' && pem.charAt(i + 1) == '\n') {
      return i + 2;
    }
    if (which.equals("END") && i < pem.length() && pem.charAt(i) == '\0') {
      return i;
    }
    throw new MalformedEvidenceException(check, "PEM " + which + " boundary does not end its line");
  }

  private static byte[] body(String text, String check) throws MalformedEvidenceException {
    String[] lines = text.split("\r?\n", -1);
    // The text ends with the line break before END, so the last split element is empty.
    if (lines.length < 2 || !lines[lines.length - 1].isEmpty()) {
      throw new MalformedEvidenceException(check, "PEM END boundary is not at a line start");
    }
    StringBuilder base64 = new StringBuilder(text.length());
    int count = lines.length - 1;
    for (int i = 0; i < count; i++) {
      String line = lines[i];
      boolean last = i == count - 1;
      if (line.isEmpty() || line.length() > LINE || (!last && line.length() != LINE)) {
        throw new MalformedEvidenceException(check, String.format(Locale.ROOT,
            "PEM base64 line %d has %d characters (want %d, the last 1..%d)", i + 1,
            line.length(), LINE, LINE));
      }
      for (int j = 0; j < line.length(); j++) {
        char c = line.charAt(j);
        boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
        if (!alphabet) {
          throw new MalformedEvidenceException(check, String.format(Locale.ROOT,
              "PEM base64 line %d has a character outside the base64 alphabet", i + 1));
        }
      }
      base64.append(line);
    }
    String encoded = base64.toString();
    byte[] der;
    try {
      der = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new MalformedEvidenceException(check, "PEM body is not valid base64");
    }
    if (!Base64.getEncoder().encodeToString(der).equals(encoded)) {
      throw new MalformedEvidenceException(
          check, "PEM body is not canonical base64 (padding or trailing bits)");
    }
    return der;
  }

  private static void requireFiller(String text, int from, int to, String check)
      throws MalformedEvidenceException {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != '\0' && c != '\n' && c != '\r' && c != ' ' && c != '\t') {
        throw new MalformedEvidenceException(check, "unexpected bytes outside PEM blocks");
      }
    }
  }
}
