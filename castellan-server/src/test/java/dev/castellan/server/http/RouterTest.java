package dev.castellan.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.server.ServerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer's contract, over real HTTP on loopback. */
class RouterTest {
  private final ServerMetrics metrics = new ServerMetrics();
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpService service;

  @BeforeEach
  void start() throws Exception {
    List<Route> routes =
        List.of(
            Route.get("/echo", r -> Response.text(200, r.queryParameter("q").orElse("none"))),
            Route.post("/upload", 8, r -> Response.text(200, "got " + r.body().length)),
            Route.get("/boom", r -> { throw new IllegalStateException("secret detail 1234"); }),
            Route.get("/metrics", r -> Response.bytes(200, "text/plain", metrics.scrape())),
            // A handler bug that would split the response if it were sent.
            Route.get("/split", r -> new Response(200, "text/plain",
                Map.of("X-Reflected", r.queryParameter("v").orElse("")), "split".getBytes(StandardCharsets.UTF_8))));
    ResponseSigner signer = exchange -> Map.of("X-Test-Length", Integer.toString(exchange.body().length));
    service = HttpService.start("127.0.0.1", 0, null, new Router(routes, signer, metrics::request));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder at(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(service.baseUrl() + pathAndQuery));
  }

  @Test
  void get_knownRoute_returnsBodyAndSignsIt() throws Exception {
    HttpResponse<String> response = send(at("/echo?q=hello"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello");
    assertThat(response.headers().firstValue("X-Test-Length")).contains("5");
  }

  @Test
  void unknownPath_is404WithJsonErrorAndStillSigned() throws Exception {
    HttpResponse<String> response = send(at("/echo/extra"));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"error\":\"not_found\"");
    assertThat(response.headers().firstValue("X-Test-Length")).isPresent();
  }

  @Test
  void wrongMethod_is405() throws Exception {
    assertThat(send(at("/echo").POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode())
        .isEqualTo(405);
  }

  @Test
  void bodyOverLimit_is413_andAtLimitIsAccepted() throws Exception {
    HttpResponse<String> atLimit = send(at("/upload").POST(HttpRequest.BodyPublishers.ofString("12345678")));
    assertThat(atLimit.body()).isEqualTo("got 8");
    HttpResponse<String> over = send(at("/upload").POST(HttpRequest.BodyPublishers.ofString("123456789")));
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.body()).contains("payload_too_large");
  }

  @Test
  void headerValueWithLineBreak_isNeverSent_butASigned500() throws Exception {
    HttpResponse<String> response = send(at("/split?v=a%0d%0aSet-Cookie:%20x=1"));
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("\"error\":\"internal\"").doesNotContain("split");
    assertThat(response.headers().map()).doesNotContainKeys("set-cookie", "x-reflected");
    assertThat(response.headers().firstValue("X-Test-Length")).as("the error is signed").isPresent();
    // A value that is a valid field passes through.
    assertThat(send(at("/split?v=plain%20value")).headers().firstValue("X-Reflected")).contains("plain value");
  }

  @Test
  void replyRefusesInvalidFieldNamesAndValues() {
    for (Map<String, String> headers : List.of(Map.of("X Bad", "v"), Map.of("", "v"), Map.of("X-Ok", "a\nb"),
        Map.of("X-Ok", "caf\u00e9"), Map.of("X-Ok", "nul\u0000"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Reply(200, headers, new byte[0], false))
          .as("%s", headers).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new Reply(200, Map.of("X-Ok", "tab\tand space, ~!"), new byte[0], false).headers()).hasSize(1);
  }

  @Test
  void handlerFailure_is500WithFixedTextAndNoDetail() throws Exception {
    HttpResponse<String> response = send(at("/boom"));
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("internal error").doesNotContain("secret").doesNotContain("1234");
  }

  @Test
  void repeatedQueryParameter_is400() throws Exception {
    HttpResponse<String> response = send(at("/echo?q=a&q=b"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("given more than once");
  }

  @Test
  void metrics_countRequestsByRouteAndStatus() throws Exception {
    send(at("/echo?q=1"));
    send(at("/nope"));
    String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
    assertThat(text).contains("castellan_http_requests_total{route=\"/echo\",status=\"200\"} 1");
    assertThat(text).contains("route=\"unmatched\",status=\"404\"");
  }
}
