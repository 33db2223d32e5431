package dev.castellan.keys.kms;

import java.util.Base64;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads KMS's AWS JSON 1.1 answers: the fields of a success, and the {@code __type} and
 * {@code message} of an error, turned into {@link KmsServiceException}s. Service text is
 * escaped and cut to {@link #MAX_MESSAGE} characters before it goes into a message.
 */
final class KmsResponses {
  static final ObjectMapper JSON = JsonMapper.builder().build();
  static final int MAX_MESSAGE = 256;

  private KmsResponses() {}

  static JsonNode parse(String operation, byte[] body) throws KmsException {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new KmsException("KMS " + operation + ": the response is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new KmsException("KMS " + operation + ": the response is not JSON");
    }
  }

  /** The base64 field {@code name}, at most {@code maxBytes} once decoded. */
  static byte[] base64(String operation, JsonNode response, String name, int maxBytes) throws KmsException {
    JsonNode field = response.get(name);
    if (field == null || !field.isString()) {
      throw new KmsException("KMS " + operation + ": the response has no " + name);
    }
    String text = field.stringValue();
    if (text.length() > (maxBytes + 2) / 3 * 4) {
      throw new KmsException("KMS " + operation + ": " + name + " exceeds " + maxBytes + " bytes");
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new KmsException("KMS " + operation + ": " + name + " is not base64");
    }
  }

  static String text(String operation, JsonNode response, String name) throws KmsException {
    JsonNode field = response.get(name);
    if (field == null || !field.isString() || field.stringValue().isEmpty() || field.stringValue().length() > 2048) {
      throw new KmsException("KMS " + operation + ": the response has no " + name);
    }
    return field.stringValue();
  }

  /** The exception for a non-2xx answer; {@code errorTypeHeader} is X-Amzn-ErrorType, if any. */
  static KmsServiceException error(String operation, int status, byte[] body, String errorTypeHeader) {
    String type = errorTypeHeader;
    String message = "";
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        JsonNode t = node.get("__type");
        if (t != null && t.isString()) {
          type = t.stringValue();
        }
        JsonNode m = node.has("message") ? node.get("message") : node.get("Message");
        if (m != null && m.isString()) {
          message = escape(m.stringValue());
        }
      }
    } catch (JacksonException e) {
      message = "";
    }
    type = errorType(type);
    if (type.equals("AccessDeniedException")) {
      return new KmsAccessDeniedException(operation, status, message);
    }
    return new KmsServiceException(operation, type, status, message);
  }

  /** {@code com.amazonaws.kms#AccessDeniedException:...} → {@code AccessDeniedException}. */
  static String errorType(String raw) {
    if (raw == null) {
      return "UnknownError";
    }
    String type = raw;
    int hash = type.lastIndexOf('#');
    if (hash >= 0) {
      type = type.substring(hash + 1);
    }
    int colon = type.indexOf(':');
    if (colon >= 0) {
      type = type.substring(0, colon);
    }
    return type.matches("[A-Za-z0-9]{1,64}") ? type : "UnknownError";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < MAX_MESSAGE; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return i < text.length() ? out + "..." : out.toString();
  }
}
