package dev.castellan.runtime.init;

import java.time.Duration;

/** Waits before a restart; injected so that tests see the backoff without waiting it out. */
@FunctionalInterface
public interface Sleeper {
  /** The real one: {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = Thread::sleep;

  /** Returns after {@code delay}, or throws when the waiting thread is interrupted (a stop). */
  void sleep(Duration delay) throws InterruptedException;
}
