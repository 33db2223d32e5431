package dev.castellan.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Fetches from the oracle with bounded response sizes and captures what the client checks.
 * Every request carries a fresh {@code Castellan-Nonce}; each exchange is recorded with what
 * the client itself sent (method, path, query, nonce), so the RFC 9421 response signature is
 * checked against the request made, never against anything the server echoes.
 */
final class OracleHttp {
  /** The largest response the client reads: a Nitro document is ~5 KiB, JSON far less. */
  static final int MAX_RESPONSE_BYTES = 1 << 20;
  static final String NONCE_HEADER = "Castellan-Nonce";

  /**
   * One request as sent and its response as received.
   *
   * @param rawQuery the query without {@code ?}, empty when none was sent
   */
  record Exchange(
      SignedResponse response,
      String method,
      String rawPath,
      String rawQuery,
      String nonce,
      Optional<String> contentType,
      Optional<String> contentDigest,
      Optional<String> signatureInput,
      Optional<String> signature,
      java.net.http.HttpHeaders headers) {
    /** An exchange without the other headers (tests that rewrite an exchange). */
    Exchange(SignedResponse response, String method, String rawPath, String rawQuery, String nonce,
        Optional<String> contentType, Optional<String> contentDigest, Optional<String> signatureInput,
        Optional<String> signature) {
      this(response, method, rawPath, rawQuery, nonce, contentType, contentDigest, signatureInput, signature,
          java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
    }
  }

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final SecureRandom random = new SecureRandom();
  private final List<Exchange> exchanges = new ArrayList<>();

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
    URI uri = base.resolve(pathAndQuery);
    String nonce = nonce();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header(NONCE_HEADER, nonce).GET().build();
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
    var headers = response.headers();
    SignedResponse signed = new SignedResponse(
        pathAndQuery,
        response.statusCode(),
        body,
        headers.firstValue("X-Attestation-Signature"),
        headers.firstValue("X-Attestation-Pubkey"),
        certificate);
    String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    Exchange exchange = new Exchange(signed, "GET", rawPath, uri.getRawQuery() == null ? "" : uri.getRawQuery(), nonce,
        single(headers.allValues("Content-Type")), single(headers.allValues("Content-Digest")),
        single(headers.allValues("Signature-Input")), single(headers.allValues("Signature")), headers);
    synchronized (exchanges) {
      exchanges.add(exchange);
    }
    return signed;
  }

  /** The exchange that produced {@code response} (the same instance {@link #get} returned). */
  Optional<Exchange> exchange(SignedResponse response) {
    synchronized (exchanges) {
      return exchanges.stream().filter(e -> e.response() == response).findFirst();
    }
  }

  /** The response's header {@code name} if it was given exactly once. */
  Optional<String> singleHeader(SignedResponse response, String name) {
    return exchange(response).flatMap(e -> single(e.headers().allValues(name)));
  }

  /** 24 random bytes, base64url without padding: 32 characters, a valid sf-string as is. */
  private String nonce() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A header given once; repeated or absent is empty (a repeated signature header is refused). */
  private static Optional<String> single(List<String> values) {
    return values.size() == 1 ? Optional.of(values.getFirst()) : Optional.empty();
  }
}
