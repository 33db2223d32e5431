package dev.castellan.server.proxy;

import dev.castellan.server.http.HttpError;
import dev.castellan.server.http.Request;
import dev.castellan.server.http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forwards one request to the upstream and buffers its answer within the bounds of {@link
 * ProxyOptions}; the router then signs it like any other response. Every failure of the
 * upstream is a 502 with a fixed message saying which failure it was (never the upstream's or
 * the JDK's words); the log gets the exception's type.
 */
final class UpstreamForwarder implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(UpstreamForwarder.class.getName());
  static final String OCTET_STREAM = "application/octet-stream";

  private final ProxyOptions options;
  private final boolean tls;
  private final HttpClient client;

  UpstreamForwarder(ProxyOptions options, boolean tls) {
    this.options = options;
    this.tls = tls;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER) // a redirect is the client's to follow
        .proxy(HttpClient.Builder.NO_PROXY)
        .build();
  }

  Response forward(Request request) throws HttpError, InterruptedException {
    HttpRequest upstream = upstreamRequest(request);
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(upstream, BoundedBody.handler(options.maxResponseBytes()));
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(options.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw failed("timeout", HttpError.badGateway("the upstream service did not answer within "
          + options.responseTimeout().toSeconds() + " s"));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw failed(e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName(), map(e.getCause()));
    }
    Map<String, String> headers;
    try {
      headers = ProxyHeaders.toClient(response.headers().map(), options.maxResponseHeaders(),
          options.maxResponseHeaderBytes());
    } catch (IllegalArgumentException e) {
      throw failed("headers", HttpError.badGateway("the upstream service sent response headers that cannot be"
          + " relayed (" + e.getMessage() + ")"));
    }
    String contentType = ProxyHeaders.contentType(response.headers().map()).orElse(OCTET_STREAM);
    return new Response(response.statusCode(), contentType, headers, response.body());
  }

  private HttpRequest upstreamRequest(Request request) throws HttpError {
    URI uri;
    try {
      uri = URI.create(options.upstreamBase() + request.path()
          + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("the request target cannot be forwarded (not a valid URI)");
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(options.responseTimeout())
        .method(request.method(), request.body().length == 0 && !hasBodySemantics(request.method())
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    try {
      for (Map.Entry<String, String> header : ProxyHeaders.toUpstream(request.headers(), request.remoteAddress(), tls)) {
        builder.header(header.getKey(), header.getValue());
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("a request header cannot be forwarded");
    }
  }

  /** POST, PUT and PATCH send a {@code Content-Length: 0} for an empty body; the others send none. */
  private static boolean hasBodySemantics(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private HttpError map(Throwable cause) {
    if (cause instanceof BoundedBody.TooLarge) {
      return HttpError.badGateway("the upstream service's response exceeds " + options.maxResponseBytes() + " bytes");
    }
    if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
        || cause != null && cause.getCause() instanceof ConnectException) {
      return HttpError.badGateway("the upstream service is not reachable (not running, or not listening yet)");
    }
    if (cause instanceof HttpTimeoutException) {
      return HttpError.badGateway("the upstream service did not answer in time");
    }
    if (cause instanceof IOException) {
      return HttpError.badGateway("the upstream service closed the connection or answered malformed HTTP");
    }
    return HttpError.badGateway("the upstream exchange failed");
  }

  private HttpError failed(String why, HttpError error) {
    LOG.log(System.Logger.Level.WARNING, "upstream {0} failed ({1}): answering 502", options.upstreamBase(), why);
    return error;
  }

  @Override
  public void close() {
    client.close();
  }
}
