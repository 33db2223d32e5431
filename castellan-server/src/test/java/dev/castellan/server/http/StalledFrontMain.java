package dev.castellan.server.http;

import dev.castellan.server.ServerMetrics;
import dev.castellan.server.oracle.TlsIdentity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The front over TLS with a {@code /healthz} route, in a JVM of its own so that a test can
 * start it under a lowered descriptor limit. Prints {@code port=N} when it serves; runs until
 * its standard input closes. Argument: the read timeout in seconds.
 */
public final class StalledFrontMain {
  private StalledFrontMain() {}

  public static void main(String[] args) throws Exception {
    Duration readTimeout = Duration.ofSeconds(Long.parseLong(args[0]));
    HttpLimits d = HttpLimits.DEFAULTS;
    HttpLimits limits = new HttpLimits(readTimeout, d.idleTimeout(), d.maxConnections(), d.maxConnectionsPerAddress(),
        d.maxRequestLineBytes(), d.maxHeaderBytes(), d.maxHeaderCount(), d.maxPayloadBytes());
    TlsIdentity tls = TlsIdentity.generate(new SecureRandom(), Clock.systemUTC());
    TlsIdentity.rejectRenegotiation();
    Router router = new Router(List.of(Route.get("/healthz", r -> Response.json(200, "{\"status\":\"ok\"}".getBytes()))),
        ResponseSigner.NONE, new ServerMetrics()::request);
    try (HttpService service = HttpService.start("127.0.0.1", 0, tls.sslContext(), tls.sslParameters(), router, limits)) {
      System.out.println("port=" + service.port());
      System.out.flush();
      System.in.read();
    }
  }
}
