package dev.castellan.client;

import dev.castellan.core.tls.PinnedServerKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The two GETs of the oracle's token authority documents (docs/http-api.md, "Token authority
 * documents"), bounded: a 200 with the document's own media type and at most its size limit,
 * or a {@link Refused} naming the status. The documents are only returned; the caller verifies
 * them against its pinned key set.
 */
final class TokenDocumentsHttp implements AutoCloseable {
  static final String KEY_SET_PATH = "/v1/tokens/keyset";
  static final String REVOCATIONS_PATH = "/v1/tokens/revocations";
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,6}");

  /** The oracle answered, but not with the document. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    Refused(String message, long retryAfterSeconds) {
      super(message, null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The {@code Retry-After} of a 503 or 429, else 0. */
    long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  private final HttpClient http;
  private final URI base;
  private final Duration grace;

  TokenDocumentsHttp(OracleEndpoint endpoint, Duration grace) throws GeneralSecurityException {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(grace).followRedirects(HttpClient.Redirect.NEVER);
    if (endpoint.tlsKeyHash().isPresent()) {
      builder.sslContext(PinnedServerKey.context(endpoint.tlsKeyHash().get()));
    }
    this.http = builder.build();
    this.base = endpoint.baseUrl();
    this.grace = grace;
  }

  /** The current list if newer than {@code after}, else whatever the oracle holds after {@code wait}. */
  byte[] revocations(long after, Duration wait) throws IOException, InterruptedException, Refused {
    return get(REVOCATIONS_PATH + "?after=" + after + "&wait=" + wait.toSeconds(), wait.plus(grace),
        dev.castellan.tokens.RevocationList.CONTENT_TYPE, dev.castellan.tokens.RevocationList.MAX_DOCUMENT_BYTES);
  }

  byte[] keySet() throws IOException, InterruptedException, Refused {
    return get(KEY_SET_PATH, grace, dev.castellan.tokens.KeySetDocument.CONTENT_TYPE,
        dev.castellan.tokens.KeySetDocument.MAX_DOCUMENT_BYTES);
  }

  private byte[] get(String pathAndQuery, Duration timeout, String mediaType, int maxBytes)
      throws IOException, InterruptedException, Refused {
    String path = pathAndQuery.replaceAll("\\?.*", "");
    HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout).GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(maxBytes + 1);
    }
    if (response.statusCode() != 200) {
      long retryAfter = response.headers().firstValue("Retry-After").filter(v -> SECONDS.matcher(v).matches())
          .map(Long::parseLong).orElse(0L);
      throw new Refused("HTTP " + response.statusCode() + " from " + path, retryAfter);
    }
    if (!response.headers().firstValue("Content-Type").map(mediaType::equals).orElse(false)) {
      throw new Refused(path + " answered another content type than " + mediaType, 0);
    }
    if (body.length > maxBytes) {
      throw new Refused(path + " answered more than " + maxBytes + " bytes", 0);
    }
    return body;
  }

  /** Aborts a request in flight. */
  @Override
  public void close() {
    http.shutdownNow();
  }
}
