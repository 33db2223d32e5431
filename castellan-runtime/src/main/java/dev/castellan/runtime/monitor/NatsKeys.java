package dev.castellan.runtime.monitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Path to NATS KV key and back. KV keys allow only {@code [-/_=.A-Za-z0-9]}, and {@code .}
 * separates tokens (a key MUST NOT start or end with one, nor hold two in a row), while a file
 * name may hold any byte but {@code /} and NUL. So each path segment is encoded as unpadded
 * base64url of its UTF-8 bytes (alphabet {@code A-Za-z0-9-_}, never empty for a non-empty
 * segment) and the segments are joined with {@code .}: {@code etc/app.conf} becomes
 * {@code ZXRj.YXBwLmNvbmY}. Keys stay hierarchical, so {@code nats kv watch fs_hashes 'ZXRj.>'}
 * follows one directory. Pure functions.
 */
public final class NatsKeys {
  /** Longest key: the subject {@code $KV.fs_hashes.<key>} must fit NATS' 4 KiB control line. */
  public static final int MAX_KEY_LENGTH = 3072;

  private NatsKeys() {}

  public static String encode(String path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    List<String> tokens = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("path " + path + " has an empty segment");
      }
      tokens.add(encoder.encodeToString(segment.getBytes(StandardCharsets.UTF_8)));
    }
    String key = String.join(".", tokens);
    if (key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("path " + path + " is too long for a NATS KV key ("
          + key.length() + " characters encoded, at most " + MAX_KEY_LENGTH + ")");
    }
    return key;
  }

  public static String decode(String key) {
    Base64.Decoder decoder = Base64.getUrlDecoder();
    List<String> segments = new ArrayList<>();
    for (String token : key.split("\\.", -1)) {
      if (token.isEmpty() || !token.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("not a monitor key: " + key);
      }
      segments.add(new String(decoder.decode(token), StandardCharsets.UTF_8));
    }
    return String.join("/", segments);
  }
}
