package dev.castellan.keys.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a flood of refused releases and decrypts from becoming a flood of durable log records.
 * Anyone may ask for a release, so without a bound every garbage request would cost an fsync and
 * a signed record for ever. Per (key, action, failed check), the first {@value
 * #RECORDED_PER_WINDOW} refusals in a {@link #WINDOW} are recorded one by one; the rest are
 * counted, and the count is recorded as one summary decision ({@link Decision#suppressed()})
 * when the window has ended: at the next refusal of the same kind, at the broker's periodic
 * {@link KeyBroker#flushSuppressed(boolean)}, or when it closes. Every refusal is still answered, and
 * still counted in the log: none disappears, only its evidence CID is not kept.
 *
 * <p>At most {@value #MAX_KINDS} kinds are tracked (valid key ids, a few actions and checks);
 * beyond that, refusals share one overflow kind, so the table cannot be grown by an attacker
 * who varies the key id.
 */
final class RefusalThrottle {
  static final int RECORDED_PER_WINDOW = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int MAX_KINDS = 4_096;
  /** The key id and check of the kind that refusals share once {@value #MAX_KINDS} kinds are tracked. */
  static final String OVERFLOW = "*";

  /** What refusals are counted together. */
  record Kind(String keyId, String action, String check) {}

  /** The refusals of one kind not recorded one by one, in the window that ended at {@code end}. */
  record Summary(Kind kind, Instant end, long count) {}

  private static final class Window {
    Instant start;
    int recorded;
    long suppressed;

    Window(Instant start) {
      this.start = start;
    }
  }

  private final Map<Kind, Window> windows = new LinkedHashMap<>();

  /** The outcome of {@link #admit}: whether to record this refusal, and a summary due first. */
  record Admission(boolean record, Summary due) {}

  synchronized Admission admit(Kind kind, Instant now) {
    Window window = windows.get(kind);
    if (window == null) {
      if (windows.size() >= MAX_KINDS) {
        dropIdle(now);
      }
      if (windows.size() >= MAX_KINDS) {
        kind = new Kind(OVERFLOW, kind.action(), OVERFLOW);
        window = windows.computeIfAbsent(kind, k -> new Window(now));
      } else {
        window = new Window(now);
        windows.put(kind, window);
      }
    }
    Summary due = null;
    if (ended(window, now)) {
      due = window.suppressed > 0 ? new Summary(kind, window.start.plus(WINDOW), window.suppressed) : null;
      window.start = now;
      window.recorded = 0;
      window.suppressed = 0;
    }
    if (window.recorded < RECORDED_PER_WINDOW) {
      window.recorded++;
      return new Admission(true, due);
    }
    window.suppressed++;
    return new Admission(false, due);
  }

  /** The summaries of every window that has ended with refusals not yet recorded; {@code all} takes open ones too. */
  synchronized List<Summary> due(Instant now, boolean all) {
    List<Summary> summaries = new ArrayList<>();
    for (Iterator<Map.Entry<Kind, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Kind, Window> entry = it.next();
      Window window = entry.getValue();
      boolean ended = ended(window, now);
      if (window.suppressed > 0 && (ended || all)) {
        summaries.add(new Summary(entry.getKey(), ended ? window.start.plus(WINDOW) : now, window.suppressed));
        window.suppressed = 0;
      }
      if (ended) {
        it.remove();
      }
    }
    return summaries;
  }

  /** Puts back a summary whose record could not be written, so a later flush tries again. */
  synchronized void restore(Summary summary) {
    windows.computeIfAbsent(summary.kind(), k -> new Window(summary.end().minus(WINDOW))).suppressed += summary.count();
  }

  private void dropIdle(Instant now) {
    windows.values().removeIf(w -> ended(w, now) && w.suppressed == 0);
  }

  private static boolean ended(Window window, Instant now) {
    return !now.isBefore(window.start.plus(WINDOW));
  }
}
