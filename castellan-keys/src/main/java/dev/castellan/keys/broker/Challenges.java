package dev.castellan.keys.broker;

import dev.castellan.core.bytes.Hex;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Outstanding challenges, at most {@value #MAX_OUTSTANDING}: each taken at most once (a
 * second use is {@code broker.challenge-unknown}), whatever the outcome of the first.
 * Expired ones are dropped when room is needed. 10,000 × ~150 bytes bounds the memory at
 * ~1.5 MB; beyond it new challenges are refused (503) until old ones expire or are used.
 */
final class Challenges {
  static final int MAX_OUTSTANDING = 10_000;

  private final Map<String, Challenge> outstanding = new HashMap<>();
  private final Clock clock;
  private final SecureRandom random;

  Challenges(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  synchronized Challenge issue(String keyId) throws BrokerException {
    Instant now = clock.instant();
    if (outstanding.size() >= MAX_OUTSTANDING) {
      for (Iterator<Challenge> it = outstanding.values().iterator(); it.hasNext(); ) {
        if (!it.next().expiresAt().isAfter(now)) {
          it.remove();
        }
      }
      if (outstanding.size() >= MAX_OUTSTANDING) {
        throw new BrokerException(BrokerException.Kind.OVERLOADED, "broker.challenges",
            "too many outstanding challenges; retry later");
      }
    }
    byte[] id = new byte[16];
    byte[] nonce = new byte[BrokerProtocol.NONCE_BYTES];
    random.nextBytes(id);
    random.nextBytes(nonce);
    Challenge challenge = new Challenge(Hex.encode(id), keyId, nonce, now.plus(BrokerProtocol.CHALLENGE_LIFETIME));
    outstanding.put(challenge.challengeId(), challenge);
    return challenge;
  }

  /**
   * Removes and returns the challenge, checked for {@code keyId} and expiry.
   *
   * @throws BrokerException {@code broker.challenge-unknown} (never issued, or used already),
   *     {@code broker.challenge-key} (issued for another key), {@code broker.challenge-expired}
   */
  synchronized Challenge take(String challengeId, String keyId) throws BrokerException {
    Challenge challenge = challengeId == null ? null : outstanding.remove(challengeId);
    if (challenge == null) {
      throw refused("broker.challenge-unknown", "no such challenge: it was never issued, or was used already");
    }
    if (!challenge.keyId().equals(keyId)) {
      throw refused("broker.challenge-key", "the challenge was issued for another key");
    }
    if (!clock.instant().isBefore(challenge.expiresAt())) {
      throw refused("broker.challenge-expired", "the challenge expired at " + challenge.expiresAt());
    }
    return challenge;
  }

  private static BrokerException refused(String check, String message) {
    return new BrokerException(BrokerException.Kind.REFUSED, check, message);
  }
}
