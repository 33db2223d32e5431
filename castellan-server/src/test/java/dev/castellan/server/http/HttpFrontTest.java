package dev.castellan.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.server.ServerMetrics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The front's refusals, over real sockets on loopback with exact bytes: each refusal is a
 * JSON body with a stable {@code error}, a {@code Content-Digest} and the signer's headers.
 */
class HttpFrontTest {
  private HttpService service;

  @BeforeEach
  void start() throws Exception {
    List<Route> routes = List.of(
        Route.post("/json", 1024, r -> {
          JsonBody.read(r);
          return Response.json(200, "{\"ok\":true}".getBytes());
        }),
        Route.get("/json", r -> Response.json(200, "{}".getBytes())),
        Route.get("/healthz", r -> Response.json(200, "{\"status\":\"ok\"}".getBytes())));
    ResponseSigner signer = exchange -> Map.of("X-Test-Signed", exchange.status() + " " + exchange.contentDigest());
    Router router = new Router(routes, signer, new ServerMetrics()::request,
        new RequestPolicy(RequestPolicy.LOOPBACK_HOSTS, Set.of("https://console.example")), 64);
    service = HttpService.start("127.0.0.1", 0, null, null, router, HttpLimits.DEFAULTS);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private String host() {
    return "Host: 127.0.0.1:" + service.port() + "\r\n";
  }

  private RawHttp post(String extraHeaders, String body) throws Exception {
    return RawHttp.exchange(service.port(), "POST /json HTTP/1.1\r\n" + host() + extraHeaders
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
  }

  private static void assertSignedError(RawHttp response, int status, String type) {
    assertThat(response.status()).as(response.headers() + "\n" + response.body()).isEqualTo(status);
    assertThat(response.body()).as(response.headers() + "\n" + response.body()).endsWith("}");
    assertThat(response.headers().get("content-type")).isEqualTo("application/json");
    assertThat(response.body()).contains("\"error\":\"" + type + "\"");
    assertThat(response.headers().get("content-digest")).as(response.headers() + "\n" + response.body()).isEqualTo(MessageSignature.contentDigest(response.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    assertThat(response.headers().get("x-test-signed")).isEqualTo(status + " " + response.headers().get("content-digest"));
  }

  @Test
  void validJsonPost_is200() throws Exception {
    RawHttp response = post("Content-Type: application/json\r\n", "{\"a\":1}");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().get("x-test-signed")).startsWith("200 sha-256=:");
  }

  @Test
  void malformedChunkedBody_isSignedJson400() throws Exception {
    RawHttp response = RawHttp.exchange(service.port(), "POST /json HTTP/1.1\r\n" + host()
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
    assertSignedError(response, 400, "bad_request");
  }

  @Test
  void malformedRequestLine_isSignedJson400() throws Exception {
    RawHttp response = RawHttp.exchange(service.port(), "GET /json\u0001<script> HTTP/1.1\r\n" + host() + "\r\n");
    assertSignedError(response, 400, "bad_request");
    assertThat(response.body()).doesNotContain("<script>").doesNotContain("Exception");
  }

  @Test
  void wrongMethod_is405WithAllow() throws Exception {
    RawHttp response = RawHttp.exchange(service.port(), "DELETE /json HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n");
    assertSignedError(response, 405, "method_not_allowed");
    assertThat(response.headers().get("allow")).isEqualTo("GET, POST");
  }

  @Test
  void crossOriginPost_isRefused_allowedOriginIsServed() throws Exception {
    assertSignedError(post("Content-Type: application/json\r\nOrigin: https://evil.example\r\n", "{}"), 403, "forbidden_origin");
    assertThat(post("Content-Type: application/json\r\nOrigin: https://console.example\r\n", "{}").status()).isEqualTo(200);
  }

  @Test
  void duplicateKeyBody_isRefused() throws Exception {
    assertSignedError(post("Content-Type: application/json\r\n", "{\"a\":1,\"a\":2}"), 400, "bad_request");
    assertThat(post("Content-Type: application/json\r\n", "{\"a\":1,\"a\":2}").body()).contains("duplicate");
  }

  @Test
  void trailingJson_isRefused() throws Exception {
    assertSignedError(post("Content-Type: application/json\r\n", "{\"a\":1} {}"), 400, "bad_request");
  }

  @Test
  void wrongContentType_is415() throws Exception {
    assertSignedError(post("Content-Type: text/plain\r\n", "{\"a\":1}"), 415, "unsupported_media_type");
    assertSignedError(post("", "{\"a\":1}"), 415, "unsupported_media_type");
  }

  @Test
  void badHost_isRefused() throws Exception {
    RawHttp rebinding = RawHttp.exchange(service.port(), "GET /healthz HTTP/1.1\r\nHost: evil.example:" + service.port()
        + "\r\nConnection: close\r\n\r\n");
    assertSignedError(rebinding, 421, "misdirected_request");
    RawHttp wrongPort = RawHttp.exchange(service.port(), "GET /healthz HTTP/1.1\r\nHost: localhost:1\r\nConnection: close\r\n\r\n");
    assertSignedError(wrongPort, 421, "misdirected_request");
    RawHttp good = RawHttp.exchange(service.port(), "GET /healthz HTTP/1.1\r\nHost: localhost:" + service.port()
        + "\r\nConnection: close\r\n\r\n");
    assertThat(good.status()).isEqualTo(200);
  }

  @Test
  void tooManyHeaderFields_is431() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      headers.append("X-H").append(i).append(": v\r\n");
    }
    RawHttp response = RawHttp.exchange(service.port(), "GET /healthz HTTP/1.1\r\n" + host() + headers + "Connection: close\r\n\r\n");
    assertSignedError(response, 431, "request_header_fields_too_large");
  }

  @Test
  void oversizedHeaders_areSignedJsonRefusals() throws Exception {
    RawHttp response = RawHttp.exchange(service.port(), "GET /healthz HTTP/1.1\r\n" + host() + "X-Big: " + "a".repeat(9000)
        + "\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isIn(400, 431);
    assertSignedError(response, response.status(), response.status() == 431 ? "request_header_fields_too_large" : "bad_request");
  }

  @Test
  void invalidNonce_is400_validNonceIsAccepted() throws Exception {
    RawHttp bad = RawHttp.exchange(service.port(), "GET /healthz HTTP/1.1\r\n" + host()
        + "Castellan-Nonce: \"quoted\\\"nonce-value\r\nConnection: close\r\n\r\n");
    assertSignedError(bad, 400, "bad_request");
    RawHttp good = RawHttp.exchange(service.port(), "GET /healthz HTTP/1.1\r\n" + host()
        + "Castellan-Nonce: abcdefghijklmnop0123\r\nConnection: close\r\n\r\n");
    assertThat(good.status()).isEqualTo(200);
  }
}
