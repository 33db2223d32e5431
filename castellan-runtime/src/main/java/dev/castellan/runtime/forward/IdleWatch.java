package dev.castellan.runtime.forward;

import java.time.Duration;

/** Closes relays that moved no byte for the idle timeout; checks every quarter of it (10 ms to 1 s). */
final class IdleWatch extends Thread {
  private final Forwarder forwarder;
  private final long timeoutNanos;
  private final long periodMillis;

  IdleWatch(Forwarder forwarder, Duration timeout) {
    super("forward-idle");
    setDaemon(true);
    this.forwarder = forwarder;
    this.timeoutNanos = timeout.toNanos();
    this.periodMillis = Math.clamp(timeout.toMillis() / 4, 10, 1_000);
  }

  @Override
  public void run() {
    while (!isInterrupted()) {
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Relay relay : forwarder.relays()) {
        if (relay.idleSince(now) >= timeoutNanos && relay.abort()) {
          forwarder.idleClosed.incrementAndGet();
        }
      }
    }
  }
}
