package dev.castellan.log;

import dev.castellan.log.checkpoint.Checkpoint;
import dev.castellan.log.checkpoint.SignedCheckpoint;
import dev.castellan.log.merkle.HashTree;
import dev.castellan.log.note.NoteSigner;
import dev.castellan.log.storage.LogStorage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The second half of {@link TransparencyLog}'s lifecycle: on its own thread, signs and stores
 * a checkpoint of what the writer integrated (overlapping the writer's next fsync), and
 * completes the futures of callers waiting for a checkpoint of some size.
 *
 * <p>It only ever signs the root of records the writer has already made durable and added to
 * the tree, so every checkpoint it stores is consistent with the previous one.
 */
final class Checkpointer {
  private final LogStorage storage;
  private final NoteSigner key;
  private final HashTree tree;
  private final LogMetrics metrics;
  private final Executor completions;
  private final long intervalNanos;
  private final Supplier<LogException> stopped;
  private final List<Waiter> waiters = new ArrayList<>();
  private final Object integration = new Object();
  private long integratedSize; // guarded by integration
  private boolean writerDone; // guarded by integration
  private long oldestUnpublishedNanos = -1; // guarded by integration
  private volatile SignedCheckpoint latest;
  private volatile long lastPublishNanos;
  private volatile Exception failure;

  private record Waiter(long size, CompletableFuture<SignedCheckpoint> future) {}

  Checkpointer(LogStorage storage, NoteSigner key, HashTree tree, LogMetrics metrics, Executor completions,
      LogOptions options, Supplier<LogException> stopped) {
    this.storage = storage;
    this.key = key;
    this.tree = tree;
    this.metrics = metrics;
    this.completions = completions;
    this.intervalNanos = options.checkpointInterval().toNanos();
    this.stopped = stopped;
  }

  /** On open: the verified stored checkpoint (if any) and the size integrated from storage. */
  void start(SignedCheckpoint stored, long size) throws IOException, LogException {
    latest = stored;
    synchronized (integration) {
      integratedSize = size;
    }
    if (stored == null || stored.checkpoint().size() < size) {
      publish(size, -1);
    }
  }

  SignedCheckpoint latest() {
    return latest;
  }

  Exception failure() {
    return failure;
  }

  /** Called by the writer once records up to {@code size} are durable and in the tree. */
  void integrated(long size, long oldestEnqueuedNanos) {
    synchronized (integration) {
      integratedSize = size;
      if (oldestUnpublishedNanos < 0) {
        oldestUnpublishedNanos = oldestEnqueuedNanos;
      }
      integration.notifyAll();
    }
  }

  /** Called by the writer when it stops: publish what is left, then stop. */
  void writerDone() {
    synchronized (integration) {
      writerDone = true;
      integration.notifyAll();
    }
  }

  CompletableFuture<SignedCheckpoint> await(long size, boolean stopping) {
    CompletableFuture<SignedCheckpoint> future = new CompletableFuture<>();
    synchronized (waiters) {
      SignedCheckpoint current = latest;
      if (current != null && current.checkpoint().size() >= size) {
        future.complete(current);
        return future;
      }
      if (stopping || failure != null) {
        future.completeExceptionally(stopped.get());
        return future;
      }
      waiters.add(new Waiter(size, future));
    }
    synchronized (integration) {
      integration.notifyAll(); // a waiter cuts a checkpoint interval short
    }
    return future;
  }

  /** The checkpointer thread's body. */
  void run() {
    try {
      while (true) {
        long target;
        long oldest;
        synchronized (integration) {
          while (integratedSize <= publishedSize() && !writerDone) {
            integration.wait();
          }
          if (integratedSize <= publishedSize()) {
            return; // the writer stopped and everything is published
          }
          while (intervalNanos > 0 && !writerDone && !hasWaiters()
              && System.nanoTime() - lastPublishNanos < intervalNanos) {
            long remaining = intervalNanos - (System.nanoTime() - lastPublishNanos);
            integration.wait(Math.max(1, remaining / 1_000_000));
          }
          target = integratedSize;
          oldest = oldestUnpublishedNanos;
          oldestUnpublishedNanos = -1;
        }
        publishWithRetries(target, oldest);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | LogException | RuntimeException e) {
      failure = e;
      failWaiters();
    }
  }

  /**
   * A checkpoint that cannot be stored is retried a few times (a replicated store may be
   * electing a leader) before the log stops: appends stay durable meanwhile, but clients
   * waiting for a checkpoint must not wait forever.
   */
  private void publishWithRetries(long size, long oldestNanos) throws IOException, LogException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        publish(size, oldestNanos);
        return;
      } catch (IOException e) {
        if (attempt == 5) {
          throw e;
        }
        Thread.sleep(1000L * attempt);
      }
    }
  }

  private void publish(long size, long oldestNanos) throws IOException, LogException {
    SignedCheckpoint signed = SignedCheckpoint.sign(new Checkpoint(key.name(), size, tree.root(size)), key);
    storage.writeCheckpoint(signed.note());
    latest = signed;
    long now = System.nanoTime();
    lastPublishNanos = now;
    metrics.recordCheckpoint(oldestNanos >= 0 ? now - oldestNanos : 0);
    List<Waiter> ready = new ArrayList<>();
    synchronized (waiters) {
      waiters.removeIf(w -> w.size() <= size && ready.add(w));
    }
    if (!ready.isEmpty()) {
      completions.execute(() -> ready.forEach(w -> w.future().complete(signed)));
    }
  }

  private long publishedSize() {
    SignedCheckpoint current = latest;
    return current == null ? -1 : current.checkpoint().size();
  }

  private boolean hasWaiters() {
    synchronized (waiters) {
      return !waiters.isEmpty();
    }
  }

  void failWaiters() {
    synchronized (waiters) {
      waiters.forEach(w -> w.future().completeExceptionally(stopped.get()));
      waiters.clear();
    }
  }
}
