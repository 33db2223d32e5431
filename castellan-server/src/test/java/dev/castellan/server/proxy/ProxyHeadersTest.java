package dev.castellan.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which headers cross the proxy in each direction, and the bounds on the upstream's. */
class ProxyHeadersTest {
  @Test
  void toUpstream_dropsHopByHopAndSpoofedForwarding_andAddsTheProxysOwn() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("host", List.of("oracle.example:8443"));
    headers.put("connection", List.of("keep-alive, x-private"));
    headers.put("x-private", List.of("hop"));
    headers.put("upgrade", List.of("websocket"));
    headers.put("x-forwarded-for", List.of("6.6.6.6"));
    headers.put("forwarded", List.of("for=6.6.6.6"));
    headers.put("content-length", List.of("5"));
    headers.put("accept", List.of("text/html", "application/json"));
    List<Map.Entry<String, String>> out = ProxyHeaders.toUpstream(headers, "192.0.2.7", true);
    assertThat(out).containsExactly(Map.entry("accept", "text/html"), Map.entry("accept", "application/json"),
        Map.entry("x-forwarded-for", "192.0.2.7"), Map.entry("x-forwarded-proto", "https"),
        Map.entry("x-forwarded-host", "oracle.example:8443"));
  }

  @Test
  void toClient_keepsTheApplicationsHeaders_butNotTheRoutersOrHopByHop() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("text/plain"));
    headers.put("Signature", List.of("castellan=:forged:"));
    headers.put("X-Attestation-Pubkey", List.of("02ff"));
    headers.put("Transfer-Encoding", List.of("chunked"));
    headers.put("Connection", List.of("x-hop"));
    headers.put("X-Hop", List.of("1"));
    headers.put("Vary", List.of("Accept", "Origin"));
    headers.put("Set-Cookie", List.of("a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "b=2"));
    assertThat(ProxyHeaders.toClient(headers, 64, 16384))
        .containsExactly(Map.entry("vary", "Accept, Origin"), Map.entry("set-cookie", "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT"));
    assertThat(ProxyHeaders.contentType(headers)).hasValue("text/plain");
  }

  @Test
  void toClient_refusesTooManyOrTooLargeOrInvalidHeaders() {
    Map<String, List<String>> many = new LinkedHashMap<>();
    for (int i = 0; i < 65; i++) {
      many.put("x-" + i, List.of("v"));
    }
    assertThatThrownBy(() -> ProxyHeaders.toClient(many, 64, 16384)).hasMessageContaining("more than 64 header fields");
    assertThatThrownBy(() -> ProxyHeaders.toClient(Map.of("x-big", List.of("v".repeat(300))), 64, 256))
        .hasMessageContaining("256 bytes");
    assertThatThrownBy(() -> ProxyHeaders.toClient(Map.of("x-bad", List.of("a\u00e9")), 64, 16384))
        .hasMessageContaining("not a valid HTTP field");
  }
}
