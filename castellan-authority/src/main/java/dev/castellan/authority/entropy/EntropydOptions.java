package dev.castellan.authority.entropy;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Entropyd} publishes, and how much one peer may take.
 *
 * @param chunkBytes the size of every chunk, {@value AuthorityRandom#MIN_CHUNK}..{@value
 *     AuthorityRandom#MAX_CHUNK} (the schema's "64..512 bytes recommended"); default 64: 512
 *     bits, twice the 256-bit security strength of the DRBG that takes it, so a larger chunk
 *     could not make that DRBG stronger
 * @param interval the time between two chunks on one connection, also before the first one
 *     (so reconnecting does not get a peer more), 100 ms..5 min; default 10 s
 * @param maxConnectionsPerPeer connections one allowlist entry may hold at once, 1..16; default
 *     2 (one, and a reconnect while entropyd has not yet noticed that the old one is gone). So
 *     a peer receives at most {@code maxConnectionsPerPeer} chunks per {@code interval}.
 */
public record EntropydOptions(int chunkBytes, Duration interval, int maxConnectionsPerPeer) {
  public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
  public static final Duration MAX_INTERVAL = Duration.ofMinutes(5);
  public static final int MAX_CONNECTIONS_PER_PEER = 16;

  public EntropydOptions {
    Objects.requireNonNull(interval, "interval");
    if (chunkBytes < AuthorityRandom.MIN_CHUNK || chunkBytes > AuthorityRandom.MAX_CHUNK) {
      throw new IllegalArgumentException("a chunk is " + AuthorityRandom.MIN_CHUNK + " to " + AuthorityRandom.MAX_CHUNK
          + " bytes, got " + chunkBytes);
    }
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException("the interval between chunks is 100 ms to 5 min, got " + interval);
    }
    if (maxConnectionsPerPeer < 1 || maxConnectionsPerPeer > MAX_CONNECTIONS_PER_PEER) {
      throw new IllegalArgumentException("connections per peer are 1 to " + MAX_CONNECTIONS_PER_PEER + ", got "
          + maxConnectionsPerPeer);
    }
  }

  /** 64-byte chunks every 10 s, 2 connections per peer. */
  public static EntropydOptions defaults() {
    return new EntropydOptions(AuthorityRandom.MIN_CHUNK, Duration.ofSeconds(10), 2);
  }

  public EntropydOptions withChunkBytes(int bytes) {
    return new EntropydOptions(bytes, interval, maxConnectionsPerPeer);
  }

  public EntropydOptions withInterval(Duration every) {
    return new EntropydOptions(chunkBytes, every, maxConnectionsPerPeer);
  }

  public EntropydOptions withMaxConnectionsPerPeer(int connections) {
    return new EntropydOptions(chunkBytes, interval, connections);
  }
}
