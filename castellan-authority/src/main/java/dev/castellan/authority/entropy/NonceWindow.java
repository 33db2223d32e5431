package dev.castellan.authority.entropy;

import dev.castellan.tokens.envelope.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The nonces of accepted publications, each kept until its timestamp is older than the skew
 * (after which the timestamp alone refuses a replay). Bounded: when full of nonces that still
 * matter, a new one is refused rather than an old one forgotten, which would reopen a replay.
 */
final class NonceWindow {
  private final Duration skew;
  private final int capacity;
  private final Map<ByteString, Instant> seen = new LinkedHashMap<>();

  NonceWindow(Duration skew, int capacity) {
    this.skew = skew;
    this.capacity = capacity;
  }

  /** Remembers {@code nonce} of a publication made at {@code timestamp}, or refuses it. */
  synchronized void accept(ByteString nonce, Instant timestamp, Instant now) throws ChunkRejected {
    if (seen.containsKey(nonce)) {
      throw new ChunkRejected("entropy.nonce-replayed");
    }
    if (seen.size() >= capacity) {
      forget(now);
      if (seen.size() >= capacity) {
        throw new ChunkRejected("entropy.nonce-cache-full");
      }
    }
    seen.put(nonce, timestamp);
  }

  private void forget(Instant now) {
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next().plus(skew).isBefore(now)) {
        it.remove();
      }
    }
  }
}
