package dev.castellan.authority.service;

import dev.castellan.core.hash.HashAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Whether a request is fresh: its {@code timestamp} is within {@code skew} of the service clock,
 * and its nonce ({@code nonce} of {@code token_issue_req}, {@code client_nonce} of {@code
 * totp_validate_req}) was not used before by the same peer entry for the same request type.
 *
 * <p>A nonce is remembered until its request's timestamp is more than {@code skew} in the past,
 * after which the timestamp rule refuses a copy anyway; so the memory is bounded by what peers
 * can send in {@code 2 × skew}, and by {@code maxEntries}. When it is full of nonces that cannot
 * be forgotten yet, new requests are refused ({@link Stale#CACHE_FULL}) rather than forgetting
 * one early, which would reopen a replay window. Keys are SHA-256 digests, so hostile input
 * cannot choose hash collisions. Thread-safe.
 */
final class RequestFreshness {
  /** Why a request is not fresh: the audit record's {@code rule}. */
  enum Stale {
    TIMESTAMP("request.timestamp-outside-skew"),
    REPLAYED_NONCE("request.nonce-replayed"),
    CACHE_FULL("service.nonce-cache-full");

    final String rule;

    Stale(String rule) {
      this.rule = rule;
    }
  }

  private record Expiry(Instant forgetAt, ByteBuffer key) {}

  private final Duration skew;
  private final int maxEntries;
  private final Map<ByteBuffer, Instant> seen = new HashMap<>();
  private final PriorityQueue<Expiry> queue = new PriorityQueue<>((a, b) -> a.forgetAt().compareTo(b.forgetAt()));

  RequestFreshness(Duration skew, int maxEntries) {
    this.skew = skew;
    this.maxEntries = maxEntries;
  }

  /**
   * Empty if the request is fresh (and its nonce is then remembered), else why not; nothing is
   * remembered for a stale request.
   */
  synchronized Optional<Stale> check(String peer, String type, byte[] nonce, Instant timestamp, Instant now) {
    if (timestamp.isBefore(now.minus(skew)) || timestamp.isAfter(now.plus(skew))) {
      return Optional.of(Stale.TIMESTAMP);
    }
    while (!queue.isEmpty() && queue.peek().forgetAt().isBefore(now)) {
      Expiry expiry = queue.poll();
      seen.remove(expiry.key(), expiry.forgetAt());
    }
    ByteBuffer key = key(peer, type, nonce);
    if (seen.containsKey(key)) {
      return Optional.of(Stale.REPLAYED_NONCE);
    }
    if (seen.size() >= maxEntries) {
      return Optional.of(Stale.CACHE_FULL);
    }
    Instant forgetAt = timestamp.plus(skew);
    seen.put(key, forgetAt);
    queue.add(new Expiry(forgetAt, key));
    return Optional.empty();
  }

  /** Nonces remembered now (for tests). */
  synchronized int size() {
    return seen.size();
  }

  private static ByteBuffer key(String peer, String type, byte[] nonce) {
    byte[] p = peer.getBytes(StandardCharsets.UTF_8);
    byte[] t = type.getBytes(StandardCharsets.UTF_8);
    ByteBuffer input = ByteBuffer.allocate(8 + p.length + t.length + nonce.length);
    input.putInt(p.length).put(p).putInt(t.length).put(t).put(nonce); // lengths keep the fields apart
    return ByteBuffer.wrap(HashAlgorithm.SHA_256.hash(input.array()));
  }
}
