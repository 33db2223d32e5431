package dev.castellan.server.ra;

import dev.castellan.core.bytes.Hex;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the RA routes share: confined path parameters, typed body fields and JSON answers. */
final class RaRequests {
  static final ObjectMapper JSON = new ObjectMapper();

  private final RaRoot root;

  RaRequests(RaRoot root) {
    this.root = root;
  }

  /** The query parameter {@code path}, confined to the root. */
  RaRoot.Resolved pathParameter(Request request) throws HttpError, IOException {
    String path = request.queryParameter("path").orElseThrow(() -> HttpError.badRequest("query parameter 'path' is required"));
    return resolve(path);
  }

  /** {@code path}, confined to the root: 400 when refused, 404 when absent. */
  RaRoot.Resolved resolve(String path) throws HttpError, IOException {
    try {
      return root.resolve(path);
    } catch (RaRoot.PathRefusedException e) {
      throw HttpError.badRequest("path refused: " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw HttpError.notFound("no such file or directory under the RA root");
    }
  }

  /** The string field {@code name} of a JSON object. */
  static String text(JsonNode body, String name) throws HttpError {
    JsonNode value = body.get(name);
    if (value == null || !value.isString()) {
      throw HttpError.badRequest("'" + name + "' (a string) is required");
    }
    return value.asString();
  }

  /** The hex field {@code name}, of exactly {@code length} bytes unless {@code length} is 0. */
  static byte[] hex(JsonNode body, String name, int length) throws HttpError {
    byte[] value;
    try {
      value = Hex.decode(text(body, name).strip());
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("'" + name + "' must be hex");
    }
    if (length != 0 && value.length != length) {
      throw HttpError.badRequest("'" + name + "' must be " + length + " bytes (" + 2 * length + " hex digits), got "
          + value.length);
    }
    return value;
  }

  static void requireObject(JsonNode body) throws HttpError {
    if (!body.isObject()) {
      throw HttpError.badRequest("the request body must be a JSON object");
    }
  }

  static Response json(int status, ObjectNode body) {
    return Response.json(status, JSON.writeValueAsBytes(body));
  }
}
