package dev.castellan.attestation.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe memo of values that are pure functions of their key (parsed certificates by
 * the SHA-256 of their bytes), bounded by clearing when full: simple, and a full clear costs
 * only recomputation.
 */
public final class BoundedCache<K, V> {
  private final int maxEntries;
  private final Map<K, V> entries = new ConcurrentHashMap<>();

  public BoundedCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.maxEntries = maxEntries;
  }

  /** The cached value, or null. */
  public V get(K key) {
    return entries.get(key);
  }

  public void put(K key, V value) {
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(key, value);
  }
}
