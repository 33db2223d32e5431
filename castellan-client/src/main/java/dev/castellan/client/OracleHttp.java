package dev.castellan.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/** Fetches from the oracle with bounded response sizes and captures what the client checks. */
final class OracleHttp {
  /** The largest response the client reads: a Nitro document is ~5 KiB, JSON far less. */
  static final int MAX_RESPONSE_BYTES = 1 << 20;

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;

  OracleHttp(URI base, boolean insecureTls, Duration timeout) throws GeneralSecurityException {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    if (insecureTls) {
      builder.sslContext(UnverifiedTls.context());
    }
    this.http = builder.build();
    this.base = base;
    this.timeout = timeout;
  }

  SignedResponse get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout).GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
    }
    if (body.length > MAX_RESPONSE_BYTES) {
      throw new IOException(pathAndQuery + ": response exceeds " + MAX_RESPONSE_BYTES + " bytes");
    }
    Optional<X509Certificate> certificate =
        response.sslSession().flatMap(session -> {
          try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
          } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return Optional.empty();
          }
        });
    return new SignedResponse(
        pathAndQuery,
        response.statusCode(),
        body,
        response.headers().firstValue("X-Attestation-Signature"),
        response.headers().firstValue("X-Attestation-Pubkey"),
        certificate);
  }

}
