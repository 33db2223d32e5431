package dev.castellan.authority.service;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Request and entry ids: the canonical 8-4-4-4-12 hex form of a UUID. */
final class Uuids {
  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Uuids() {}

  /** Whether {@code id} is a UUID in canonical form (any version; upper or lower case hex). */
  static boolean valid(String id) {
    return id != null && id.length() == 36 && CANONICAL.matcher(id).matches();
  }

  /** A random (version 4) UUID from {@code random}, lower case. */
  static String random(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xff);
      lo = (lo << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(hi, lo).toString().toLowerCase(Locale.ROOT);
  }
}
