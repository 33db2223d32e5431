package dev.castellan.server.oracle;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code appKeyHash} an application registered (nitriding's {@code POST /enclave/hash}),
 * if any. Until one is registered the oracle's attestations carry its own 68-byte user data,
 * {@code appKeyHash} being the attestation key's hash; afterwards {@code appKeyHash} is the
 * application's and the attestation key's hash follows it as a third digest ({@link
 * dev.castellan.attestation.binding.UserData}). Each attestation reads the slot once, so a
 * document never mixes two registrations.
 *
 * <p>Who may register is decided by whoever holds the slot: the attesting reverse proxy
 * offers it only on the application's loopback listener, never on the public port.
 */
public final class ApplicationKeySlot {
  private final AtomicReference<byte[]> hash = new AtomicReference<>();

  /**
   * Puts {@code sha256} in the slot, replacing an earlier registration (an application that
   * restarts makes a new key, as under nitriding).
   *
   * @return the hash it replaced, if any
   * @throws IllegalArgumentException unless {@code sha256} is 32 bytes
   */
  public Optional<byte[]> register(byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("an application key hash is 32 bytes (SHA-256), got " + sha256.length);
    }
    return Optional.ofNullable(hash.getAndSet(sha256.clone()));
  }

  /** The registered hash, if any. */
  public Optional<byte[]> current() {
    byte[] current = hash.get();
    return current == null ? Optional.empty() : Optional.of(current.clone());
  }
}
