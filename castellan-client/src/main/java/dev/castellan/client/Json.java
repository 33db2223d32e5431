package dev.castellan.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Strict reading of the few fields the client needs from the oracle's JSON. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Attestation(String platform, boolean simulated, String document) {}

  private Json() {}

  static Attestation attestation(byte[] body) {
    JsonNode root = read(body);
    return new Attestation(text(root, "platform"), root.path("simulated").asBoolean(false), text(root, "document"));
  }

  static String field(byte[] body, String name) {
    return text(read(body), name);
  }

  private static JsonNode read(byte[] body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("the response is not a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the response is not valid JSON");
    }
  }

  private static String text(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node == null || !node.isString()) {
      throw new IllegalArgumentException("the response lacks the string field '" + name + "'");
    }
    return node.asString();
  }
}
