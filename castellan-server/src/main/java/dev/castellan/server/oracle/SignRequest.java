package dev.castellan.server.oracle;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.server.http.HttpError;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A parsed {@code POST /v1/sign} body: {@code {"scheme": "bip340"|"ecdsa", "payload":
 * base64}} or {@code {"scheme": ..., "digest": 64 hex digits}}. Both schemes sign a 32-byte
 * message: the digest as given, or SHA-256 of the payload. Parsing is strict: unknown
 * fields, both or neither of payload/digest, or a wrong digest length are 400s that say
 * which.
 */
record SignRequest(Scheme scheme, byte[] message) {
  enum Scheme {
    BIP340,
    ECDSA;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Set<String> FIELDS = Set.of("scheme", "payload", "digest");

  static SignRequest parse(dev.castellan.server.http.Request request) throws HttpError {
    JsonNode root = dev.castellan.server.http.JsonBody.read(request);
    if (!root.isObject()) {
      throw HttpError.badRequest("request body must be a JSON object");
    }
    for (Iterator<String> names = root.propertyNames().iterator(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw HttpError.badRequest("unknown field '" + dev.castellan.server.http.Sanitize.forMessage(name)
            + "' (allowed: scheme, payload, digest)");
      }
    }
    Scheme scheme = scheme(root.get("scheme"));
    JsonNode payload = root.get("payload");
    JsonNode digest = root.get("digest");
    if ((payload == null) == (digest == null)) {
      throw HttpError.badRequest("give exactly one of 'payload' (base64) or 'digest' (64 hex digits)");
    }
    if (payload != null) {
      if (!payload.isString()) {
        throw HttpError.badRequest("'payload' must be a base64 string");
      }
      try {
        return new SignRequest(scheme, HashAlgorithm.SHA_256.hash(Base64.getDecoder().decode(payload.asString())));
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest("'payload' is not valid base64");
      }
    }
    if (!digest.isString() || digest.asString().length() != 64) {
      throw HttpError.badRequest("'digest' must be 64 hex digits (a 32-byte SHA-256 digest)");
    }
    try {
      return new SignRequest(scheme, Hex.decode(digest.asString()));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("'digest' must be 64 hex digits (a 32-byte SHA-256 digest)");
    }
  }

  private static Scheme scheme(JsonNode node) throws HttpError {
    if (node == null) {
      return Scheme.BIP340;
    }
    if (node.isString()) {
      switch (node.asString()) {
        case "bip340" -> {
          return Scheme.BIP340;
        }
        case "ecdsa" -> {
          return Scheme.ECDSA;
        }
        default -> {}
      }
    }
    throw HttpError.badRequest("'scheme' must be \"bip340\" or \"ecdsa\"");
  }
}
