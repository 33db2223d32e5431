package dev.castellan.cli.broker;

import dev.castellan.cli.CliException;
import dev.castellan.cli.ErrorKind;
import dev.castellan.cli.InputFile;
import dev.castellan.core.bytes.Hex;
import dev.castellan.core.tls.PinnedServerKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options every {@code castellan broker key} command shares, and the one HTTP exchange they
 * make: {@code --url} (https needs {@code --pin}, the TLS key's SHA-256 that {@code broker
 * serve} prints; no certificate authority is consulted), {@code --token-file} (a {@code
 * broker:admin} token, read at each use because the broker renews it every minute).
 */
public final class BrokerConnection {
  /** Answers are a key view with its policy: at most a 64 KiB policy plus framing. */
  static final int MAX_RESPONSE = 256 * 1024;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The broker, e.g. https://127.0.0.1:8444.")
  URI url;

  @Option(names = "--pin", paramLabel = "HEX", description = "With https: the SHA-256 of the broker's TLS key (64 hex digits).")
  String pin;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file holding a broker:admin capability token (the broker's <data>/authority/bootstrap.token).")
  Path tokenFile;

  private HttpClient client() throws CliException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http")) {
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }
    if (!scheme.equals("https") || pin == null) {
      throw new CliException(ErrorKind.USAGE, "--url must be http://… or https://… with --pin HEX (the broker's TLS pin)");
    }
    byte[] bytes;
    try {
      bytes = Hex.decode(pin.trim());
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != 32) {
      throw new CliException(ErrorKind.USAGE, "--pin must be 64 hex digits (SHA-256 of the broker's TLS key)");
    }
    try {
      return HttpClient.newBuilder().sslContext(PinnedServerKey.context(bytes)).connectTimeout(Duration.ofSeconds(10)).build();
    } catch (GeneralSecurityException e) {
      throw new CliException(ErrorKind.INTERNAL, "cannot set up TLS: " + e.getMessage());
    }
  }

  /** The exchange; a non-2xx answer is an {@link ErrorKind#OPERATION} error quoting the broker's check and message. */
  String send(String method, String path, byte[] body, boolean admin) throws CliException, dev.castellan.cli.FileException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString().replaceAll("/+$", "") + path))
        .timeout(Duration.ofSeconds(30));
    if (admin) {
      if (tokenFile == null) {
        throw new CliException(ErrorKind.USAGE, "this command needs --token-file FILE (a broker:admin token)");
      }
      String token = new String(InputFile.read("token file", tokenFile, 16 * 1024), StandardCharsets.US_ASCII).trim();
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<InputStream> response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] bytes;
      try (InputStream in = response.body()) {
        bytes = InputFile.bounded("the broker's answer", in, MAX_RESPONSE);
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (response.statusCode() / 100 != 2) {
        throw new CliException(ErrorKind.OPERATION, "the broker answered HTTP " + response.statusCode() + ": " + text.strip());
      }
      return text;
    } catch (IOException e) {
      throw new CliException(ErrorKind.NETWORK, "cannot reach the broker at " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ErrorKind.NETWORK, "interrupted");
    }
  }
}
