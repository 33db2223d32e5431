package dev.castellan.runtime.init.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes the manager started through the JDK, so that the {@link OrphanReaper} leaves
 * them to the JDK, which reaps its own children to complete {@link Process#onExit()}. Every
 * start runs under {@link #lock()}, which the reaper holds while it looks for and reaps a
 * child: a child the JDK has forked is therefore registered before the reaper can see it.
 */
public final class Children {
  private final Object lock = new Object();
  private final Set<Long> started = ConcurrentHashMap.newKeySet();

  /** Starts {@code builder}'s process and registers it until the JDK has reaped it. */
  public Process start(ProcessBuilder builder) throws IOException {
    synchronized (lock) {
      Process process = builder.start();
      long pid = process.pid();
      started.add(pid);
      process.onExit().thenRun(() -> started.remove(pid));
      return process;
    }
  }

  /** Whether {@code pid} is a child the JDK started for us and has not yet reaped. */
  public boolean startedByUs(long pid) {
    return started.contains(pid);
  }

  /** Held by every start and by the reaper while it reaps. */
  Object lock() {
    return lock;
  }
}
