package dev.castellan.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy over a real upstream process started as a unit: upstream bodies come back with
 * valid response signatures, hop-by-hop headers do not cross, the proxy says who connected,
 * and every bound (request body, response body with or without a length, response time) is a
 * clear error, signed like the rest.
 */
class ReverseProxyTest {
  @TempDir static Path data;
  @TempDir static Path units;
  private static ProxyFixture fixture;
  private static byte[] key;
  private static int upstreamPort;

  @BeforeAll
  static void boot() throws Exception {
    upstreamPort = ProxyFixture.freePort();
    Path unit = ProxyFixture.unitFile(units, "app", upstreamPort);
    ProxyOptions options = ProxyOptions.of(URI.create("http://127.0.0.1:" + upstreamPort)).withUnitFile(unit)
        .withAppListener("127.0.0.1", 0).withBodyLimits(1024, 64 * 1024)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
    fixture = ProxyFixture.boot(data, options);
    assertThat(fixture.awaitUpstream("/hello").statusCode()).isEqualTo(200);
    key = fixture.attestationKey();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
    // The unit stopped with the oracle: nothing listens on the upstream's port any more.
    assertThatThrownBy(() -> new Socket("127.0.0.1", upstreamPort).close()).isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void proxiedGet_returnsTheUpstreamsBody_withValidResponseSignatures() throws Exception {
    HttpResponse<byte[]> response = fixture.get("/hello?x=1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello from upstream");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(response.headers().firstValue("X-Upstream")).hasValue("yes");
    assertThat(response.headers().firstValue("Server")).isEmpty();
    ProxyFixture.verifySignatures(response, "GET", key); // the upstream's forged Signature did not survive
  }

  @Test
  void signatureCheck_failsForATamperedBody() throws Exception {
    HttpResponse<byte[]> response = fixture.get("/hello");
    HttpResponse<byte[]> tampered = new Tampered(response, "hello from elsewhere".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ProxyFixture.verifySignatures(tampered, "GET", key))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void rootAndUnknownPaths_areTheUpstreams() throws Exception {
    assertThat(new String(fixture.get("/").body(), StandardCharsets.UTF_8)).isEqualTo("upstream root /");
    HttpResponse<byte[]> deep = fixture.get("/a/b%20c");
    assertThat(new String(deep.body(), StandardCharsets.UTF_8)).isEqualTo("upstream root /a/b%20c");
    ProxyFixture.verifySignatures(deep, "GET", key);
  }

  @Test
  void theOraclesOwnRoutes_shadowTheUpstreams() throws Exception {
    HttpResponse<byte[]> info = fixture.get("/v1/enclave-info");
    assertThat(new String(info.body(), StandardCharsets.UTF_8)).contains("attestationPublicKey").doesNotContain("forged");
    assertThat(fixture.get("/v1/migration-status").statusCode()).isEqualTo(200);
  }

  @Test
  void post_forwardsBodyAndQuery_dropsHopByHop_andSaysWhoConnected() throws Exception {
    String request = "POST /echo?a=1&b=%20x HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + fixture.oracle.port() + "\r\n"
        + "Connection: close, X-Drop-Me\r\n"
        + "X-Drop-Me: hop\r\n"
        + "Keep-Alive: timeout=5\r\n"
        + "TE: trailers\r\n"
        + "X-Forwarded-For: 6.6.6.6\r\n"
        + "Forwarded: for=6.6.6.6\r\n"
        + "X-Keep: kept\r\n"
        + "Content-Type: text/plain\r\n"
        + "Content-Length: 5\r\n\r\nhello";
    String answer = raw(request);
    assertThat(answer).startsWith("HTTP/1.1 200");
    String echo = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    assertThat(echo).contains("method: POST\n", "query: a=1&b=%20x\n", "x-keep: kept\n", "x-forwarded-for: 127.0.0.1\n",
        "x-forwarded-proto: http\n", "x-forwarded-host: 127.0.0.1:" + fixture.oracle.port() + "\n",
        "host: 127.0.0.1:" + upstreamPort + "\n", "\n\nhello");
    assertThat(echo).doesNotContain("x-drop-me", "keep-alive", "6.6.6.6", "te: ");
  }

  @Test
  void requestBodyAboveTheBound_is413_andNeverForwarded() throws Exception {
    HttpResponse<byte[]> response = fixture.post(fixture.oracle.baseUrl() + "/echo", new byte[1025]);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("exceeds 1024 bytes");
    ProxyFixture.verifySignatures(response, "POST", key);
    assertThat(fixture.post(fixture.oracle.baseUrl() + "/echo", new byte[1024]).statusCode()).isEqualTo(200);
  }

  @Test
  void upstreamResponseAboveTheBound_is502_withOrWithoutALength() throws Exception {
    assertThat(fixture.get("/big?bytes=65536").statusCode()).isEqualTo(200);
    for (String path : new String[] {"/big?bytes=65537", "/stream?bytes=200000"}) {
      HttpResponse<byte[]> response = fixture.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(502);
      assertThat(new String(response.body(), StandardCharsets.UTF_8))
          .contains("bad_gateway", "the upstream service's response exceeds 65536 bytes");
      ProxyFixture.verifySignatures(response, "GET", key);
    }
    assertThat(fixture.get("/hello").statusCode()).isEqualTo(200); // and the proxy is fine afterwards
  }

  @Test
  void slowUpstream_is502AfterTheTimeout() throws Exception {
    long start = System.nanoTime();
    HttpResponse<byte[]> response = fixture.get("/slow");
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("did not answer within 3 s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    ProxyFixture.verifySignatures(response, "GET", key);
  }

  @Test
  void headAndTrace_areRefused_withTheMethodsThatAreProxied() throws Exception {
    for (String method : new String[] {"HEAD", "TRACE"}) {
      HttpResponse<byte[]> response = fixture.http.send(java.net.http.HttpRequest.newBuilder(
          URI.create(fixture.oracle.baseUrl() + "/hello")).method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("DELETE, GET, OPTIONS, PATCH, POST, PUT");
    }
  }

  @Test
  void putAndDelete_areForwarded() throws Exception {
    for (String method : new String[] {"PUT", "DELETE", "PATCH", "OPTIONS"}) {
      HttpResponse<byte[]> response = fixture.http.send(java.net.http.HttpRequest.newBuilder(
          URI.create(fixture.oracle.baseUrl() + "/echo")).method(method, method.equals("OPTIONS")
              ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString("b"))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as(method).isEqualTo(200);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("method: " + method + "\n");
      ProxyFixture.verifySignatures(response, method, key);
    }
  }

  @Test
  void theUnitsLog_holdsTheUpstreamsOutput() throws Exception {
    Path log = fixture.proxy.unitLog().orElseThrow();
    assertThat(Files.readString(log)).contains("test upstream listening on 127.0.0.1:" + upstreamPort);
    assertThat(fixture.proxy.unitStatus().orElseThrow().pid()).isPresent();
  }

  /** One request on its own connection, the whole answer as text. */
  private static String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", fixture.oracle.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
      int bytes = length.find() ? Integer.parseInt(length.group(1)) : 0;
      return head + new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
    }
  }

  /** {@code response} with another body: what a tampering middlebox would deliver. */
  private record Tampered(HttpResponse<byte[]> response, byte[] body) implements HttpResponse<byte[]> {
    @Override
    public int statusCode() {
      return response.statusCode();
    }

    @Override
    public java.net.http.HttpRequest request() {
      return response.request();
    }

    @Override
    public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return response.headers();
    }

    @Override
    public URI uri() {
      return response.uri();
    }

    @Override
    public java.net.http.HttpClient.Version version() {
      return response.version();
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return java.util.Optional.empty();
    }
  }
}
