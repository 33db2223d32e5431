package dev.castellan.server.payload;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.signature.Secp256k1PrivateKey;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.HttpService;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import dev.castellan.server.http.Route;
import dev.castellan.server.http.Router;
import dev.castellan.server.oracle.TlsIdentity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The example payload service (docs/agent.md, "Payload services"):
 *
 * <pre>
 * GET /echo?nonce=HEX[&amp;message=TEXT]   {"service", "message", "nonce", "time"}
 * GET /key                               {"service", "publicKey"}
 * </pre>
 *
 * Every response, errors included, carries {@code X-Service-Signature}: the service key's
 * ECDSA signature over SHA-256 of the exact body. The echo body repeats the caller's nonce
 * (32 bytes), so a signed answer is fresh for that caller.
 */
public final class PayloadService implements AutoCloseable {
  /** Longest message echoed, in characters. */
  static final int MAX_MESSAGE = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpService http;
  private final Secp256k1PrivateKey key;

  private PayloadService(HttpService http, Secp256k1PrivateKey key) {
    this.http = http;
    this.key = key;
  }

  public static PayloadService start(ServerConfig config, String name, Secp256k1PrivateKey key, Clock clock,
      SecureRandom random) throws IOException, GeneralSecurityException {
    TlsIdentity tls = TlsIdentity.generate(random, clock);
    HttpService http = HttpService.bind(config.bind(), config.port(), config.tls() ? tls.sslContext() : null,
        tls.sslParameters(), config.limits());
    String publicKey = Hex.encode(key.publicKey().toBytes());
    List<Route> routes = List.of(
        Route.get("/echo", r -> echo(r, name, clock)),
        Route.get("/key", r -> {
          ObjectNode body = JSON.createObjectNode();
          body.put("service", name);
          body.put("publicKey", publicKey);
          return Response.json(200, JSON.writeValueAsBytes(body));
        }));
    http.serve(new Router(routes, new ServiceResponseSigner(key), (route, status, nanos) -> {}, config.requestPolicy(),
        config.limits().maxHeaderCount()));
    return new PayloadService(http, key);
  }

  private static Response echo(Request request, String name, Clock clock) throws HttpError {
    byte[] nonce = request.hexParameter("nonce", 32);
    String message = request.queryParameter("message").orElse("");
    if (message.length() > MAX_MESSAGE) {
      throw HttpError.badRequest("query parameter 'message' is longer than " + MAX_MESSAGE + " characters");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("service", name);
    body.put("message", message);
    body.put("nonce", Hex.encode(nonce));
    body.put("time", clock.instant().toString());
    return Response.json(200, JSON.writeValueAsBytes(body));
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  public int port() {
    return http.port();
  }

  /** The compressed public key, 33 bytes: what goes in the service's leaf. */
  public byte[] publicKey() {
    return key.publicKey().toBytes();
  }

  @Override
  public void close() {
    http.close();
  }
}
