package dev.castellan.server.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects an upstream response body of at most {@code limit} bytes; one byte more cancels the
 * exchange and fails with {@link TooLarge}, so a large or endless body never fills memory. A
 * declared {@code Content-Length} above the limit fails before any byte is read.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The upstream's body exceeds the bound. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("the upstream response body exceeds the bound");
    }
  }

  private final int limit;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(int limit) {
    this.limit = limit;
  }

  /** A handler that refuses a declared length above {@code limit} and bounds what it reads. */
  static HttpResponse.BodyHandler<byte[]> handler(int limit) {
    return info -> {
      BoundedBody body = new BoundedBody(limit);
      if (info.headers().firstValueAsLong("content-length").orElse(0) > limit) {
        body.result.completeExceptionally(new TooLarge());
      }
      return body;
    };
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription given) {
    subscription = given;
    if (result.isDone()) {
      given.cancel();
    } else {
      given.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + buffer.remaining() > limit) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge());
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
