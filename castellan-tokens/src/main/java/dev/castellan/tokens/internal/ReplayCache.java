package dev.castellan.tokens.internal;

import dev.castellan.tokens.TokenException;
import dev.castellan.tokens.TokenException.Rule;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The bounded memory of accepted tokens: each accepted token leaves two entries (its {@code cti}
 * and its subject/scope/nonce key, both SHA-256 digests, so hostile input cannot choose hash
 * collisions), forgotten once {@code forgetAt} (the token's {@code exp} plus the skew) has
 * passed — after that the expiry rule refuses the token anyway. When the cache is full of
 * unexpired entries it refuses the new token ({@link Rule#REPLAY_CACHE_FULL}) rather than
 * forget an entry early, which would reopen a replay window. Thread-safe: one lock, held for a
 * few map operations.
 */
public final class ReplayCache {
  private record Expiry(Instant forgetAt, ByteBuffer key) {}

  private final int maxEntries;
  private final Map<ByteBuffer, Instant> entries = new HashMap<>();
  private final PriorityQueue<Expiry> queue = new PriorityQueue<>((a, b) -> a.forgetAt.compareTo(b.forgetAt));

  public ReplayCache(int maxEntries) {
    if (maxEntries < 2) {
      throw new IllegalArgumentException("a replay cache holds at least 2 entries (one token)");
    }
    this.maxEntries = maxEntries;
  }

  /**
   * Records both keys, or refuses if either was seen (and not yet forgotten) or there is no room.
   * Nothing is recorded when it throws.
   */
  public synchronized void checkAndRecord(byte[] tokenIdKey, byte[] nonceKey, Instant forgetAt, Instant now)
      throws TokenException {
    forgetUpTo(now);
    ByteBuffer tokenId = ByteBuffer.wrap(tokenIdKey.clone());
    ByteBuffer nonce = ByteBuffer.wrap(nonceKey.clone());
    if (entries.containsKey(tokenId)) {
      throw new TokenException(Rule.REPLAYED_TOKEN_ID, "this cti was already accepted");
    }
    if (entries.containsKey(nonce)) {
      throw new TokenException(Rule.REPLAYED_NONCE, "this nonce was already accepted for the same subject and scope");
    }
    if (entries.size() + 2 > maxEntries) {
      throw new TokenException(Rule.REPLAY_CACHE_FULL,
          "replay cache holds " + entries.size() + " unexpired entries (limit " + maxEntries + "); refusing rather than forgetting");
    }
    entries.put(tokenId, forgetAt);
    entries.put(nonce, forgetAt);
    queue.add(new Expiry(forgetAt, tokenId));
    queue.add(new Expiry(forgetAt, nonce));
  }

  /** Entries currently held (for tests and metrics). */
  public synchronized int size() {
    return entries.size();
  }

  private void forgetUpTo(Instant now) {
    while (!queue.isEmpty() && !queue.peek().forgetAt().isAfter(now)) {
      Expiry expiry = queue.poll();
      entries.remove(expiry.key(), expiry.forgetAt());
    }
  }
}
