package dev.castellan.authority.acl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Strict reading of the authority's configuration JSON: bounded, no duplicate keys, no trailing data, no unknown members. */
final class StrictJson {
  /**
   * Largest configuration file: 1 MiB. An ACL line is at most a 64-character subject and 64
   * scopes of 65 characters (about 4.3 KB), so this holds a few hundred full subjects or
   * thousands of ordinary ones, and bounds the parse.
   */
  static final int MAX_BYTES = 1 << 20;

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private StrictJson() {}

  static JsonNode read(byte[] json) throws AclFormatException {
    if (json.length > MAX_BYTES) {
      throw new AclFormatException("$", "file is " + json.length + " bytes; at most " + MAX_BYTES);
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      String why = e.getMessage() != null && e.getMessage().startsWith("Duplicate") ? "a key appears twice" : "not valid JSON";
      throw new AclFormatException("$", why);
    }
    if (root == null || !root.isObject()) {
      throw new AclFormatException("$", "must be a JSON object");
    }
    return root;
  }

  static byte[] readFile(Path file) throws IOException, AclFormatException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new AclFormatException("$", file.getFileName() + " is " + size + " bytes; at most " + MAX_BYTES);
    }
    return Files.readAllBytes(file);
  }

  static void allowOnly(JsonNode object, String where, Set<String> names) throws AclFormatException {
    if (!object.isObject()) {
      throw new AclFormatException(where, "must be a JSON object");
    }
    for (String name : object.propertyNames()) {
      if (!names.contains(name)) {
        throw new AclFormatException(where, "unknown member (allowed: " + String.join(", ", names.stream().sorted().toList()) + ")");
      }
    }
  }

  static void requireVersion(JsonNode root) throws AclFormatException {
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 1) {
      throw new AclFormatException("version", "must be 1");
    }
  }
}
