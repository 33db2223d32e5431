package dev.castellan.server.broker;

import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.broker.BrokerException;
import dev.castellan.keys.broker.Challenge;
import dev.castellan.keys.broker.KeyBroker;
import dev.castellan.keys.broker.KeyIds;
import dev.castellan.keys.broker.KeyPolicy;
import dev.castellan.keys.broker.KeyView;
import dev.castellan.server.auth.Authorizer;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.JsonBody;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The broker's routes (docs/broker.md, "HTTP API"), all below {@value #PREFIX}:
 *
 * <pre>
 * GET    /v1/broker/keys                    list key ids                      public
 * POST   /v1/broker/keys/{id}               create; body = the key policy     broker:admin
 * GET    /v1/broker/keys/{id}               policy, digest, locked            public
 * PUT    /v1/broker/keys/{id}/policy        replace the policy                broker:admin
 * DELETE /v1/broker/keys/{id}               delete                            broker:admin
 * POST   /v1/broker/keys/{id}/lock          lock, irreversibly                broker:admin
 * POST   /v1/broker/keys/{id}/challenge     a nonce, single use, 60 s         evidence is the credential
 * POST   /v1/broker/keys/{id}/release       the key, HPKE-sealed              evidence
 * POST   /v1/broker/keys/{id}/decrypt       a plaintext, HPKE-sealed          evidence
 * POST   /v1/broker/keys/{id}/encrypt       AES-256-GCM under the key         public
 * </pre>
 */
final class BrokerApi {
  static final String PREFIX = "/v1/broker/keys/";
  static final String SCOPE = "broker:admin";
  /** Evidence accepted: 64 KiB (a Nitro document ~5 KiB, a DCAP quote with chain ~8 KiB, TPM with event log ~30 KiB). */
  static final int MAX_EVIDENCE = 64 * 1024;
  /**
   * Data route bodies: base64 of the evidence (87,384) + base64 of a ciphertext (87,420) + a
   * 64-character challenge id and a 44-character key, plus JSON framing: 256 KiB holds it.
   */
  static final int MAX_DATA_BODY = 256 * 1024;
  /** A policy body is the policy itself. */
  static final int MAX_POLICY_BODY = KeyPolicy.MAX_BYTES;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyBroker broker;
  private final Authorizer authorizer;

  BrokerApi(KeyBroker broker, Authorizer authorizer) {
    this.broker = broker;
    this.authorizer = authorizer;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/v1/broker/keys", r -> list()),
        new Route("GET", PREFIX, 0, this::get, true),
        new Route("POST", PREFIX, MAX_DATA_BODY, this::post, true),
        new Route("PUT", PREFIX, MAX_POLICY_BODY, this::put, true),
        new Route("DELETE", PREFIX, 0, this::delete, true));
  }

  /** {@code {id}} or {@code {id}/{verb}} below the prefix; anything else is a 404. */
  private record Target(String keyId, String verb) {}

  private static Target target(Request request) throws HttpError {
    String rest = request.path().substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String id = slash < 0 ? rest : rest.substring(0, slash);
    String verb = slash < 0 ? "" : rest.substring(slash + 1);
    if (!KeyIds.valid(id) || verb.contains("/")) {
      throw HttpError.notFound("no such endpoint");
    }
    return new Target(id, verb);
  }

  private Response list() {
    ObjectNode body = JSON.createObjectNode();
    var keys = body.putArray("keys");
    broker.keyIds().forEach(keys::add);
    return json(200, body);
  }

  private Response get(Request request) throws Exception {
    Target t = target(request);
    if (!t.verb().isEmpty()) {
      throw HttpError.notFound("no such endpoint");
    }
    return refusing(() -> json(200, view(broker.describe(t.keyId()))));
  }

  private Response put(Request request) throws Exception {
    Target t = target(request);
    if (!t.verb().equals("policy")) {
      throw HttpError.notFound("no such endpoint");
    }
    String principal = authorizer.authorize(request, SCOPE).subject();
    JsonBody.read(request); // strict JSON and its Content-Type; the policy is the exact body bytes
    return refusing(() -> json(200, view(broker.putPolicy(principal, t.keyId(), request.body()))));
  }

  private Response delete(Request request) throws Exception {
    Target t = target(request);
    if (!t.verb().isEmpty()) {
      throw HttpError.notFound("no such endpoint");
    }
    String principal = authorizer.authorize(request, SCOPE).subject();
    return refusing(() -> {
      broker.delete(principal, t.keyId());
      ObjectNode body = JSON.createObjectNode();
      body.put("keyId", t.keyId());
      body.put("deleted", true);
      return json(200, body);
    });
  }

  private Response post(Request request) throws Exception {
    Target t = target(request);
    switch (t.verb()) {
      case "" -> {
        if (request.body().length > MAX_POLICY_BODY) {
          throw HttpError.tooLarge(MAX_POLICY_BODY);
        }
        String principal = authorizer.authorize(request, SCOPE).subject();
        JsonBody.read(request);
        return refusing(() -> json(201, view(broker.create(principal, t.keyId(), request.body()))));
      }
      case "lock" -> {
        String principal = authorizer.authorize(request, SCOPE).subject();
        return refusing(() -> json(200, view(broker.lock(principal, t.keyId()))));
      }
      case "challenge" -> {
        return refusing(() -> challenge(broker.challenge(t.keyId())));
      }
      case "release" -> {
        JsonNode body = JsonBody.read(request);
        BodyFields.allowOnly(body, "challengeId", "evidence", "ephemeralKey");
        return refusing(() -> answer(t.keyId(), broker.release(t.keyId(), BodyFields.text(body, "challengeId", 64),
            BodyFields.base64(body, "evidence", MAX_EVIDENCE), BodyFields.base64(body, "ephemeralKey", 32))));
      }
      case "decrypt" -> {
        JsonNode body = JsonBody.read(request);
        BodyFields.allowOnly(body, "challengeId", "evidence", "ephemeralKey", "ciphertext");
        return refusing(() -> answer(t.keyId(), broker.decrypt(t.keyId(), BodyFields.text(body, "challengeId", 64),
            BodyFields.base64(body, "evidence", MAX_EVIDENCE), BodyFields.base64(body, "ephemeralKey", 32),
            BodyFields.base64(body, "ciphertext", KeyBroker.MAX_CIPHERTEXT))));
      }
      case "encrypt" -> {
        JsonNode body = JsonBody.read(request);
        BodyFields.allowOnly(body, "plaintext");
        byte[] plaintext = BodyFields.base64(body, "plaintext", KeyBroker.MAX_PLAINTEXT);
        return refusing(() -> {
          ObjectNode out = JSON.createObjectNode();
          out.put("keyId", t.keyId());
          out.put("ciphertext", Base64.getEncoder().encodeToString(broker.encrypt(t.keyId(), plaintext)));
          return json(200, out);
        });
      }
      default -> throw HttpError.notFound("no such endpoint");
    }
  }

  @FunctionalInterface
  private interface Call {
    Response run() throws Exception;
  }

  /** Runs a broker call; its refusal is the answer (with the failed check), never a 500. */
  private static Response refusing(Call call) throws Exception {
    try {
      return call.run();
    } catch (BrokerException e) {
      return BrokerRefusals.of(e);
    }
  }

  private static Response challenge(Challenge c) {
    ObjectNode body = JSON.createObjectNode();
    body.put("keyId", c.keyId());
    body.put("challengeId", c.challengeId());
    body.put("nonce", Base64.getEncoder().encodeToString(c.nonce()));
    body.put("expiresAt", c.expiresAt().toString());
    return json(200, body);
  }

  private static Response answer(String keyId, KeyBroker.Answer sealed) {
    ObjectNode body = JSON.createObjectNode();
    body.put("keyId", keyId);
    body.put("policyDigest", Hex.encode(sealed.policyDigest()));
    body.put("suite", "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM");
    body.put("enc", Base64.getEncoder().encodeToString(sealed.enc()));
    body.put("ciphertext", Base64.getEncoder().encodeToString(sealed.ciphertext()));
    return json(200, body);
  }

  private static ObjectNode view(KeyView view) {
    ObjectNode body = JSON.createObjectNode();
    body.put("keyId", view.keyId());
    body.set("policy", JSON.readTree(view.policy()));
    body.put("policyDigest", Hex.encode(view.policyDigest()));
    body.put("locked", view.locked());
    body.put("generation", view.generation());
    return body;
  }

  private static Response json(int status, ObjectNode body) {
    return Response.json(status, JSON.writeValueAsBytes(body));
  }
}
