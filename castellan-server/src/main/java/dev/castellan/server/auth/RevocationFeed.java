package dev.castellan.server.auth;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The latest signed revocation list the oracle accepted, and the long-poll subscribers waiting
 * for a newer one ({@code GET /v1/tokens/revocations?after=N&wait=S}, docs/http-api.md).
 *
 * <p>{@link #publish} MUST only ever move forward: a list whose version is not greater than the
 * current one is ignored, so no subscriber is ever handed an older list than it could have
 * seen. At most {@code maxWaiters} requests wait at once; one more is {@link TooManyWaiters}
 * (503 with {@code Retry-After}), never a queue. A waiter parks on a future (no lock held, so a
 * virtual thread does not pin its carrier) and is woken by every publication and by {@link
 * #close}. Thread-safe.
 */
public final class RevocationFeed implements AutoCloseable {
  /** One signed list as published: its version and its exact bytes. */
  public record Published(long version, byte[] document) {
    public byte[] bytes() {
      return document.clone();
    }
  }

  /** Every waiting slot is taken. */
  public static final class TooManyWaiters extends Exception {
    private static final long serialVersionUID = 1L;

    TooManyWaiters() {
      super("every long-poll slot is taken", null, false, false);
    }
  }

  private final int maxWaiters;
  private final Semaphore slots;
  private volatile Published current;
  /** Completed (and replaced) on every publication; guarded by {@code this}. */
  private CompletableFuture<Void> next = new CompletableFuture<>();
  private volatile boolean closed;

  RevocationFeed(int maxWaiters) {
    if (maxWaiters < 1) {
      throw new IllegalArgumentException("at least one waiter must be allowed");
    }
    this.maxWaiters = maxWaiters;
    this.slots = new Semaphore(maxWaiters);
  }

  /** Makes {@code document} (of {@code version}) the current list and wakes every waiter; an older version is ignored. */
  void publish(long version, byte[] document) {
    CompletableFuture<Void> woken;
    synchronized (this) {
      if (current != null && version <= current.version()) {
        return;
      }
      current = new Published(version, document.clone());
      woken = next;
      next = new CompletableFuture<>();
    }
    woken.complete(null);
  }

  /** The current list; never empty once the oracle has booted (it publishes before it serves). */
  public Published current() {
    Published now = current;
    if (now == null) {
      throw new IllegalStateException("no revocation list has been published yet");
    }
    return now;
  }

  /**
   * The current list at once if its version is greater than {@code after} (or {@code wait} is
   * zero, or the feed is closed); otherwise waits until a newer list is published or {@code
   * wait} has passed, and returns the list current then (whose version is {@code <= after} if
   * nothing newer came).
   *
   * @throws TooManyWaiters if {@code maxWaiters} requests are already waiting
   */
  public Published awaitNewer(long after, Duration wait) throws TooManyWaiters {
    Published now = current();
    if (now.version() > after || wait.isZero() || closed) {
      return now;
    }
    if (!slots.tryAcquire()) {
      throw new TooManyWaiters();
    }
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        CompletableFuture<Void> signal;
        synchronized (this) {
          signal = next;
          now = current;
        }
        long left = deadline - System.nanoTime();
        if (now.version() > after || closed || left <= 0) {
          return now;
        }
        signal.get(left, TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      return current();
    } catch (InterruptedException e) {
      // The server is stopping this connection: answer with what there is.
      Thread.currentThread().interrupt();
      return current();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the publication signal never fails", e);
    } finally {
      slots.release();
    }
  }

  /** How many requests are waiting now. */
  public int waiting() {
    return maxWaiters - slots.availablePermits();
  }

  public int maxWaiters() {
    return maxWaiters;
  }

  /** Answers every waiter now, and every later request at once: the oracle is stopping. */
  @Override
  public void close() {
    CompletableFuture<Void> woken;
    synchronized (this) {
      closed = true;
      woken = next;
    }
    woken.complete(null);
  }
}
