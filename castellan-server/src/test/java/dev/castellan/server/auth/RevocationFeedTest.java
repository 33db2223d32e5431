package dev.castellan.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The feed alone: it only moves forward, wakes its waiters, and bounds them. */
class RevocationFeedTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  private static RevocationFeed feed(int maxWaiters) {
    RevocationFeed feed = new RevocationFeed(maxWaiters);
    feed.publish(10, new byte[] {10});
    return feed;
  }

  private static CompletableFuture<RevocationFeed.Published> waitFor(RevocationFeed feed, long after) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return feed.awaitNewer(after, LONG);
      } catch (RevocationFeed.TooManyWaiters e) {
        throw new IllegalStateException(e);
      }
    }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
  }

  private static void awaitWaiters(RevocationFeed feed, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (feed.waiting() < count) {
      assertThat(System.nanoTime()).as("waiters to arrive").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void publish_anOlderOrEqualVersion_isIgnored() {
    RevocationFeed feed = feed(1);
    feed.publish(9, new byte[] {9});
    feed.publish(10, new byte[] {99});
    assertThat(feed.current().version()).isEqualTo(10);
    assertThat(feed.current().bytes()).containsExactly(10);
  }

  @Test
  void awaitNewer_behind_returnsAtOnce_withoutASlot() throws Exception {
    RevocationFeed feed = feed(1);
    assertThat(feed.awaitNewer(9, LONG).version()).isEqualTo(10);
    assertThat(feed.waiting()).isZero();
  }

  @Test
  void awaitNewer_isWokenByTheNextPublication() throws Exception {
    RevocationFeed feed = feed(4);
    CompletableFuture<RevocationFeed.Published> first = waitFor(feed, 10);
    CompletableFuture<RevocationFeed.Published> second = waitFor(feed, 10);
    awaitWaiters(feed, 2);
    assertThat(first).isNotDone();
    feed.publish(11, new byte[] {11});
    assertThat(first.get(10, TimeUnit.SECONDS).version()).isEqualTo(11);
    assertThat(second.get(10, TimeUnit.SECONDS).version()).isEqualTo(11);
    assertThat(feed.waiting()).isZero();
  }

  @Test
  void awaitNewer_nothingNewer_returnsTheCurrentListWhenTheWaitEnds() throws Exception {
    RevocationFeed feed = feed(1);
    assertThat(feed.awaitNewer(10, Duration.ofMillis(50)).version()).isEqualTo(10);
    assertThat(feed.waiting()).isZero();
  }

  @Test
  void awaitNewer_beyondTheBound_throws_andAFreedSlotIsReusable() throws Exception {
    RevocationFeed feed = feed(1);
    CompletableFuture<RevocationFeed.Published> held = waitFor(feed, 10);
    awaitWaiters(feed, 1);
    assertThatThrownBy(() -> feed.awaitNewer(10, LONG)).isInstanceOf(RevocationFeed.TooManyWaiters.class);
    feed.publish(11, new byte[] {11});
    held.get(10, TimeUnit.SECONDS);
    assertThat(feed.awaitNewer(11, Duration.ofMillis(10)).version()).isEqualTo(11);
  }

  @Test
  void close_answersWaiters_andLaterCallsDoNotWait() throws Exception {
    RevocationFeed feed = feed(1);
    CompletableFuture<RevocationFeed.Published> held = waitFor(feed, 10);
    awaitWaiters(feed, 1);
    feed.close();
    assertThat(held.get(10, TimeUnit.SECONDS).version()).isEqualTo(10);
    assertThat(feed.awaitNewer(10, Duration.ofHours(1)).version()).isEqualTo(10);
  }
}
