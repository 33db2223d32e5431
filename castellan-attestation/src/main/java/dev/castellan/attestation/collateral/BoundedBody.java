package dev.castellan.attestation.collateral;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects a response body, failing (and cancelling the stream) once it exceeds a limit. */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final int max;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private byte[] buffer = new byte[0];
  private int size;
  private Flow.Subscription subscription;

  BoundedBody(int max) {
    this.max = max;
  }

  /** 200 responses are collected up to {@code max} bytes; other statuses are discarded. */
  static HttpResponse.BodyHandler<byte[]> handler(int max) {
    return info -> {
      if (info.statusCode() != 200) {
        return HttpResponse.BodySubscribers.replacing(null);
      }
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      if (declared > max) {
        return HttpResponse.BodySubscribers.replacing(null);
      }
      return new BoundedBody(max);
    };
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer item : items) {
      int n = item.remaining();
      if ((long) size + n > max) {
        subscription.cancel();
        result.completeExceptionally(new IOException(
            String.format(Locale.ROOT, "response larger than %d bytes", max)));
        return;
      }
      if (size + n > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.min(max, Math.max(size + n, buffer.length * 2)));
      }
      item.get(buffer, size, n);
      size += n;
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(java.util.Arrays.copyOf(buffer, size));
  }
}
