package dev.castellan.core.internal.signature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 7468 textual encoding of DER structures (the form openssl reads with {@code -pubin}). */
public final class Pem {
  private static final Base64.Encoder ENCODER =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** {@code -----BEGIN label-----}, base64 in 64-column lines, {@code -----END label-----}. */
  public static String encode(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + ENCODER.encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
