package dev.castellan.cli.oracle;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * An application written for nitriding, run as the proxy's upstream unit: {@code
 * NitridingStyleApp PORT INTERNAL_URL}. It serves a page at {@code /}, and on {@code POST
 * /register-key} registers the base64 hash in the body with its supervisor's internal {@code
 * POST /enclave/hash}, exactly as under nitriding, then says {@code GET /enclave/ready}.
 */
public final class NitridingStyleApp {
  private NitridingStyleApp() {}

  public static void main(String[] args) throws IOException {
    String internal = args[1];
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        Integer.parseInt(args[0])), 16);
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] answer;
        int status = 200;
        if (exchange.getRequestURI().getPath().equals("/register-key")) {
          byte[] hash = exchange.getRequestBody().readAllBytes();
          HttpResponse<String> registered = client.send(HttpRequest.newBuilder(URI.create(internal + "/enclave/hash"))
              .POST(HttpRequest.BodyPublishers.ofByteArray(hash)).build(), HttpResponse.BodyHandlers.ofString());
          client.send(HttpRequest.newBuilder(URI.create(internal + "/enclave/ready")).build(),
              HttpResponse.BodyHandlers.discarding());
          status = registered.statusCode();
          answer = registered.body().getBytes(StandardCharsets.UTF_8);
        } else {
          answer = "an application behind the attesting proxy".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    System.out.println("nitriding-style app on 127.0.0.1:" + args[0] + ", supervisor at " + internal);
  }
}
