package dev.castellan.keys.broker;

import java.time.Instant;
import java.util.Objects;

/**
 * A broker challenge: single use, for one key, until {@code expiresAt} (60 s after it was made).
 *
 * @param challengeId 16 random bytes, hex: what the caller returns
 * @param keyId the only key it may be used for
 * @param nonce 32 random bytes that go into the evidence's binding
 */
public record Challenge(String challengeId, String keyId, byte[] nonce, Instant expiresAt) {
  public Challenge {
    Objects.requireNonNull(challengeId, "challengeId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    nonce = nonce.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }
}
