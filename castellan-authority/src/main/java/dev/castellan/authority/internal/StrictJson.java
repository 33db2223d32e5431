package dev.castellan.authority.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict reading of the authority's configuration JSON (the ACL, the scope policies, the
 * peer ACL): bounded, no duplicate keys, no trailing data, no unknown members, version 1.
 * Each file format reports through its own exception, made by {@link Fault}; messages name
 * the JSON path and never echo a value.
 */
public final class StrictJson {
  /** Makes the format's exception for a JSON path ({@code $} for the whole file) and a rule. */
  @FunctionalInterface
  public interface Fault<E extends Exception> {
    E at(String where, String rule);
  }

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private StrictJson() {}

  /** The JSON object in {@code json}, at most {@code maxBytes} long. */
  public static <E extends Exception> JsonNode read(byte[] json, int maxBytes, Fault<E> fault) throws E {
    if (json.length > maxBytes) {
      throw tooLarge(json.length, maxBytes, fault);
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      String why = e.getMessage() != null && e.getMessage().startsWith("Duplicate") ? "a key appears twice" : "not valid JSON";
      throw fault.at("$", why);
    }
    if (root == null || !root.isObject()) {
      throw fault.at("$", "must be a JSON object");
    }
    return root;
  }

  /** The bytes of {@code file}, refused before reading when larger than {@code maxBytes}. */
  public static <E extends Exception> byte[] readFile(Path file, int maxBytes, Fault<E> fault) throws IOException, E {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw tooLarge(size, maxBytes, fault);
    }
    return Files.readAllBytes(file);
  }

  private static <E extends Exception> E tooLarge(long size, int maxBytes, Fault<E> fault) {
    return fault.at("$", "the file is larger than the limit: " + size + " bytes, at most " + maxBytes);
  }

  /** {@code object} is a JSON object with no member outside {@code names}. */
  public static <E extends Exception> void allowOnly(JsonNode object, String where, Set<String> names, Fault<E> fault)
      throws E {
    if (object == null || !object.isObject()) {
      throw fault.at(where, "must be a JSON object");
    }
    for (String name : object.propertyNames()) {
      if (!names.contains(name)) {
        throw fault.at(where, "unknown member (allowed: " + String.join(", ", names.stream().sorted().toList()) + ")");
      }
    }
  }

  /** The root's {@code version} is 1. */
  public static <E extends Exception> void requireVersion(JsonNode root, Fault<E> fault) throws E {
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != 1) {
      throw fault.at("version", "must be 1");
    }
  }
}
