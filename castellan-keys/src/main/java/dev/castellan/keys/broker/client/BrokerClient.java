package dev.castellan.keys.broker.client;

import dev.castellan.core.tls.PinnedServerKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The broker's data routes over pinned HTTPS: JSON in, JSON out, answers bounded ({@value
 * #MAX_RESPONSE} bytes: a decrypt answer of the largest plaintext is ~88 KiB of base64). A
 * refusal becomes a {@link Refused} carrying the broker's {@code check} and message.
 */
final class BrokerClient {
  static final int MAX_RESPONSE = 256 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The broker answered with an error. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String check;

    Refused(int status, String check, String message) {
      super(message, null, false, false);
      this.status = status;
      this.check = check;
    }
  }

  private final BrokerEndpoint endpoint;
  private final HttpClient http;

  BrokerClient(BrokerEndpoint endpoint) throws GeneralSecurityException {
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().sslContext(PinnedServerKey.context(endpoint.tlsPin())).connectTimeout(TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  /** POSTs {@code body} (null: none) to the key's {@code verb} route; the JSON answer. */
  JsonNode post(String verb, JsonNode body) throws IOException, Refused {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.route(verb)).timeout(TIMEOUT);
    if (body != null) {
      request.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } else {
      request.POST(HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the broker");
    }
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readNBytes(MAX_RESPONSE + 1);
    }
    if (bytes.length > MAX_RESPONSE) {
      throw new IOException("the broker's answer exceeds " + MAX_RESPONSE + " bytes");
    }
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new IOException("the broker's answer (HTTP " + response.statusCode() + ") is not JSON");
    }
    if (response.statusCode() != 200) {
      throw new Refused(response.statusCode(), text(json, "check", "-"), text(json, "message", "no message"));
    }
    return json;
  }

  static String text(JsonNode json, String name, String dflt) {
    JsonNode v = json == null ? null : json.get(name);
    if (v == null || !v.isString()) {
      return dflt;
    }
    String s = v.asString();
    return s.length() > 512 ? s.substring(0, 512) + "…" : s;
  }
}
