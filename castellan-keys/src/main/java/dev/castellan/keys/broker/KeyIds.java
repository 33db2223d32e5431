package dev.castellan.keys.broker;

import java.util.regex.Pattern;

/**
 * Key ids: 1 to 64 characters of {@code [a-z0-9._-]}, starting with a letter or digit. They are
 * directory names and URL path segments, so nothing needs escaping anywhere, and {@code .} or
 * {@code ..} cannot be one.
 */
public final class KeyIds {
  public static final int MAX_LENGTH = 64;
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private KeyIds() {}

  public static boolean valid(String keyId) {
    return keyId != null && VALID.matcher(keyId).matches();
  }

  /** Returns {@code keyId} if valid; else a {@code broker.key-id} refusal. */
  public static String require(String keyId) throws BrokerException {
    if (!valid(keyId)) {
      throw new BrokerException(BrokerException.Kind.BAD_INPUT, "broker.key-id",
          "a key id is 1 to 64 characters of [a-z0-9._-], starting with a letter or digit");
    }
    return keyId;
  }
}
