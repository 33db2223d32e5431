package dev.castellan.authority.entropy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts entropyd's refusals and logs them, at most one line a second so that a flood of
 * connections cannot flood the log: each line names the latest refused peer (its transport
 * label, never anything it sent), the rule, and how many refusals the line stands for.
 */
final class RefusalLog {
  private static final System.Logger LOG = System.getLogger(Entropyd.class.getName());
  private static final long LINE_NANOS = 1_000_000_000L;

  private final AtomicLong total = new AtomicLong();
  private long lastLine = System.nanoTime() - LINE_NANOS;
  private long unlogged;

  void refused(String peerLabel, String rule) {
    total.incrementAndGet();
    synchronized (this) {
      unlogged++;
      long now = System.nanoTime();
      if (now - lastLine < LINE_NANOS) {
        return;
      }
      LOG.log(System.Logger.Level.WARNING, "entropyd: refused " + peerLabel + " (" + rule + ")"
          + (unlogged > 1 ? "; " + unlogged + " refusals since the last line" : ""));
      lastLine = now;
      unlogged = 0;
    }
  }

  long total() {
    return total.get();
  }
}
