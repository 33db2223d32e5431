package dev.castellan.authority.totp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Consecutive failures and lockouts per key, bounded by {@link RateLimitPolicy#maxTracked()}. Not thread-safe. */
final class BackoffTable {
  /** One key's consecutive failures, the last one's time, and the end of its lockout. */
  record Entry(int failures, Instant lastFailure, Instant lockedUntil) {}

  private final RateLimitPolicy policy;
  private final Map<String, Entry> entries = new HashMap<>();

  BackoffTable(RateLimitPolicy policy) {
    this.policy = policy;
  }

  /** The end of the running lockout of {@code key}, if one is running at {@code now}. */
  Optional<Instant> lockedUntil(String key, Instant now) {
    Entry entry = entries.get(key);
    return entry != null && entry.lockedUntil().isAfter(now) ? Optional.of(entry.lockedUntil()) : Optional.empty();
  }

  /** Whether a failure of {@code key} could be recorded: it is tracked, or there is room (after forgetting stale entries). */
  boolean hasRoomFor(String key, Instant now) {
    if (entries.containsKey(key) || entries.size() < policy.maxTracked()) {
      return true;
    }
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      if (stale(it.next(), now)) {
        it.remove();
      }
    }
    return entries.size() < policy.maxTracked();
  }

  /** Counts a failure; the caller has checked {@link #hasRoomFor}. */
  void recordFailure(String key, Instant now) {
    Entry previous = entries.get(key);
    int failures = previous == null || stale(previous, now) ? 1 : Math.min(previous.failures() + 1, 1_000);
    entries.put(key, new Entry(failures, now, now.plus(policy.lockoutAfter(failures))));
  }

  void reset(String key) {
    entries.remove(key);
  }

  int size() {
    return entries.size();
  }

  /** Every entry, to persist. */
  Map<String, Entry> snapshot() {
    return Map.copyOf(entries);
  }

  /** Replaces the state with {@code saved} (at most {@code maxTracked} entries are kept). */
  void restore(Map<String, Entry> saved) {
    entries.clear();
    saved.entrySet().stream().limit(policy.maxTracked()).forEach(e -> entries.put(e.getKey(), e.getValue()));
  }

  private boolean stale(Entry entry, Instant now) {
    return !entry.lockedUntil().isAfter(now) && !entry.lastFailure().plus(policy.failureMemory()).isAfter(now);
  }
}
