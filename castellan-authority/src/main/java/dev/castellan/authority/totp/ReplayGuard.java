package dev.castellan.authority.totp;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The last accepted time step per operator: a code for a step at or below it is a replay.
 * An entry whose step is older than the acceptance window can never match again and is
 * forgotten when room is needed. Not thread-safe; {@link #snapshot} and {@link #restore} carry
 * it across restarts.
 */
final class ReplayGuard {
  private final int maxTracked;
  private final int window;
  private final Map<String, Long> lastAccepted = new HashMap<>();

  ReplayGuard(int maxTracked, int window) {
    this.maxTracked = maxTracked;
    this.window = window;
  }

  boolean isReplay(String operator, long step) {
    Long last = lastAccepted.get(operator);
    return last != null && step <= last;
  }

  /** Whether {@code operator} could be recorded at {@code currentStep}, after forgetting expired entries. */
  boolean hasRoomFor(String operator, long currentStep) {
    if (lastAccepted.containsKey(operator) || lastAccepted.size() < maxTracked) {
      return true;
    }
    for (Iterator<Long> it = lastAccepted.values().iterator(); it.hasNext(); ) {
      if (it.next() < currentStep - window) {
        it.remove();
      }
    }
    return lastAccepted.size() < maxTracked;
  }

  void accept(String operator, long step) {
    lastAccepted.merge(operator, step, Math::max);
  }

  /** The last accepted step of every operator tracked, to persist. */
  Map<String, Long> snapshot() {
    return Map.copyOf(lastAccepted);
  }

  /** Replaces the state with {@code saved} (at most {@code maxTracked} entries are kept). */
  void restore(Map<String, Long> saved) {
    lastAccepted.clear();
    saved.entrySet().stream().limit(maxTracked).forEach(e -> lastAccepted.put(e.getKey(), e.getValue()));
  }
}
