package dev.castellan.cli.log;

import dev.castellan.cli.NetworkException;
import dev.castellan.core.bytes.Hex;
import dev.castellan.log.LogRecord;
import dev.castellan.log.note.Note;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The log endpoints of a running server (docs/http-api.md, "The log"), for the {@code --url}
 * form of the log commands. Every response is bounded in size, and every failure is an
 * {@link IOException} with one line naming the request and what went wrong. Nothing here is
 * trusted: callers verify what they get (signatures, proofs, CIDs).
 */
final class RemoteLog {
  /** JSON replies hold a note (a few hundred bytes) and at most 2 x 64 hex hashes: 64 KiB is ample. */
  static final int MAX_JSON_BYTES = 64 << 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Connecting includes the TLS handshake. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The header of a record read that names its index (server's {@code LogApi.INDEX_HEADER}). */
  private static final String INDEX_HEADER = "Log-Index";

  private final HttpClient http;
  private final URI base;

  private RemoteLog(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  static RemoteLog connect(URI url, boolean insecureTls) throws GeneralSecurityException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("--url must be http://HOST:PORT or https://HOST:PORT");
    }
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (insecureTls) {
      builder.sslContext(dev.castellan.client.UnverifiedTls.context());
    }
    String root = url.toString().replaceAll("/+$", "");
    return new RemoteLog(builder.build(), URI.create(root + "/"));
  }

  /** A record's exact bytes and its index. */
  record Fetched(long index, byte[] bytes) {}

  /** The verifier key text ({@code GET /v1/log/key}). */
  String key() throws IOException {
    return new String(get("v1/log/key", 1024).body(), StandardCharsets.UTF_8).strip();
  }

  /** The latest checkpoint note, verbatim. */
  byte[] checkpoint() throws IOException {
    return get("v1/log/checkpoint", Note.MAX_NOTE_BYTES).body();
  }

  /** Record {@code index}'s exact bytes. */
  byte[] record(long index) throws IOException {
    return get("v1/log/records/" + index, LogRecord.MAX_ENCODED_BYTES).body();
  }

  /** A record by index or CID, with its index; empty when the server has none (404). */
  Optional<Fetched> find(String id) throws IOException {
    Reply reply = send(request("v1/log/records/" + URLEncoder.encode(id, StandardCharsets.UTF_8)).GET(), LogRecord.MAX_ENCODED_BYTES);
    if (reply.status() == 404) {
      return Optional.empty();
    }
    reply.requireOk();
    String index = reply.headers().firstValue(INDEX_HEADER).orElse("");
    if (!index.matches("[0-9]{1,18}")) {
      throw new NetworkException(reply.what() + ": the reply does not name the record's index");
    }
    return Optional.of(new Fetched(Long.parseLong(index), reply.body()));
  }

  /** The inclusion proof of {@code index}; {@code size} empty means the latest checkpoint's. */
  JsonNode inclusionProof(long index, OptionalLong size) throws IOException {
    String query = "index=" + index + (size.isPresent() ? "&size=" + size.getAsLong() : "");
    return json(get("v1/log/proof/inclusion?" + query, MAX_JSON_BYTES));
  }

  /** The consistency proof from {@code from}; {@code to} empty means the latest checkpoint's size. */
  JsonNode consistencyProof(long from, OptionalLong to) throws IOException {
    String query = "from=" + from + (to.isPresent() ? "&to=" + to.getAsLong() : "");
    return json(get("v1/log/proof/consistency?" + query, MAX_JSON_BYTES));
  }

  /**
   * Appends a complete signed record with the capability token (a {@code log:append} bearer
   * token), if there is one; the reply is the server's JSON receipt.
   */
  JsonNode append(byte[] record, java.util.Optional<String> token) throws IOException {
    HttpRequest.Builder request = request("v1/log/records").header("Content-Type", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(record));
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    Reply reply = send(request, MAX_JSON_BYTES);
    if (reply.status() == 401 && token.isEmpty()) {
      throw new NetworkException("POST " + shown(base.resolve("v1/log/records")) + ": the server needs a capability"
          + " token: give --token-file FILE (castellan up prints the operator's) or set CASTELLAN_TOKEN_FILE");
    }
    return json(reply.requireOk());
  }

  /** Hex hashes from a JSON array, each exactly 32 bytes. */
  static List<byte[]> hashes(JsonNode array) throws IOException {
    if (array == null || !array.isArray() || array.size() > 128) {
      throw new NetworkException("the server's reply has no valid list of hashes");
    }
    try {
      List<byte[]> hashes = array.valueStream().map(n -> Hex.decode(n.asString())).toList();
      if (hashes.stream().anyMatch(h -> h.length != 32)) {
        throw new NetworkException("the server's reply has a hash that is not 32 bytes");
      }
      return hashes;
    } catch (IllegalArgumentException | JacksonException e) {
      throw new NetworkException("the server's reply has a hash that is not hex");
    }
  }

  private Reply get(String path, int limit) throws IOException {
    return send(request(path).GET(), limit).requireOk();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
  }

  private Reply send(HttpRequest.Builder builder, int limit) throws IOException {
    HttpRequest request = builder.build();
    String url = shown(request.uri());
    String what = request.method() + " " + url;
    String server = shown(base);
    try {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(limit + 1);
      }
      if (body.length > limit) {
        throw new NetworkException(what + ": the response exceeds " + limit + " bytes");
      }
      return new Reply(what, response.statusCode(), response.headers(), body);
    } catch (NetworkException e) {
      throw e;
    } catch (HttpTimeoutException e) {
      if (isHttps() && answersPlainHttp()) {
        throw plainHttp(server);
      }
      long seconds = (e instanceof java.net.http.HttpConnectTimeoutException ? CONNECT_TIMEOUT : TIMEOUT).toSeconds();
      throw new NetworkException(what + ": no answer from " + server + " within " + seconds + " s");
    } catch (SSLException e) {
      if (plainHttpAnswer(e) || answersPlainHttp()) {
        throw plainHttp(server);
      }
      throw new NetworkException(what + ": the TLS handshake with " + server + " failed (an oracle's certificate is"
          + " self-signed: pass --insecure-tls; trust comes from verifying its attestation)");
    } catch (java.net.ConnectException e) {
      throw new NetworkException(what + ": cannot connect to " + server + ": connection refused (is the server running,"
          + " on this port?)");
    } catch (java.nio.channels.UnresolvedAddressException | java.net.UnknownHostException e) {
      throw new NetworkException(what + ": unknown host " + base.getHost());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NetworkException(what + ": interrupted");
    } catch (IOException e) {
      if (!isHttps() && answersTls()) {
        throw new NetworkException(server + " answered with TLS, not plain HTTP: use https://"
            + server.substring("http://".length()) + " (with --insecure-tls for an oracle's self-signed certificate)");
      }
      throw new NetworkException(what + ": " + e.getClass().getSimpleName() + " talking to " + server);
    }
  }

  private boolean isHttps() {
    return base.getScheme().equalsIgnoreCase("https");
  }

  private static NetworkException plainHttp(String server) {
    return new NetworkException(server + " answered plain HTTP, not TLS: use http://"
        + server.substring("https://".length()) + " for a server started with --plain-http");
  }

  /**
   * After a failed or stalled TLS handshake: whether the server answers a plain HTTP request
   * (some HTTP servers wait for a line end that a TLS ClientHello never sends). Two seconds, a
   * fixed request, and only the first five bytes of the answer are looked at.
   */
  private boolean answersPlainHttp() {
    int port = base.getPort() < 0 ? 443 : base.getPort();
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(base.getHost(), port), 2000);
      socket.setSoTimeout(2000);
      socket.getOutputStream().write(("HEAD / HTTP/1.0\r\nHost: " + base.getHost() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] start = socket.getInputStream().readNBytes(5);
      return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * After a plain HTTP request failed: whether the server completes a TLS handshake instead.
   * A diagnosis only (any certificate is accepted, nothing is sent or trusted); two seconds.
   */
  private boolean answersTls() {
    int port = base.getPort() < 0 ? 80 : base.getPort();
    try (java.net.Socket plain = new java.net.Socket()) {
      plain.connect(new java.net.InetSocketAddress(base.getHost(), port), 2000);
      plain.setSoTimeout(2000);
      try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) dev.castellan.client.UnverifiedTls.context()
          .getSocketFactory().createSocket(plain, base.getHost(), port, false)) {
        tls.startHandshake();
        return true;
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** The JDK's TLS client says so when the first bytes back are not a TLS record (a plain HTTP reply). */
  private static boolean plainHttpAnswer(SSLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext connection");
  }

  /** {@code uri} without user information (a password in a URL is a secret) or query. */
  static String shown(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + port + (path.isEmpty() ? "/" : path);
  }

  private static JsonNode json(Reply reply) throws IOException {
    try {
      JsonNode node = JSON.readTree(reply.body());
      if (node == null || !node.isObject()) {
        throw new NetworkException(reply.what() + ": the reply is not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new NetworkException(reply.what() + ": the reply is not valid JSON");
    }
  }

  /** One response. */
  private record Reply(String what, int status, java.net.http.HttpHeaders headers, byte[] body) {
    Reply requireOk() throws IOException {
      if (status == 200) {
        return this;
      }
      throw new NetworkException(String.format(Locale.ROOT, "%s: HTTP %d%s", what, status, serverMessage()));
    }

    /** The server's error message, reduced to short printable ASCII: it is untrusted text for a terminal. */
    private String serverMessage() {
      try {
        JsonNode message = JSON.readTree(body).get("message");
        if (message == null || !message.isString()) {
          return "";
        }
        String text = message.asString().replaceAll("[^\\x20-\\x7e]", "?");
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
      } catch (JacksonException e) {
        return "";
      }
    }
  }

}
