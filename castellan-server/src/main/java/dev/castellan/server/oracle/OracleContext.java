package dev.castellan.server.oracle;

import dev.castellan.attestation.TeeDevice;
import dev.castellan.keys.Sealer;
import dev.castellan.log.TransparencyLog;
import dev.castellan.server.ServerConfig;
import dev.castellan.server.ServerMetrics;
import dev.castellan.server.auth.Authorizer;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What a booted oracle offers an {@link OracleExtension}: its configuration, its device (for
 * fresh evidence), the user data its attestations carry ({@link
 * dev.castellan.attestation.binding.UserData}: the TLS key hash and the attestation key hash),
 * its log, the authorizer that guards its signing and appending routes, its metrics, clock and
 * randomness, and the device's {@link Sealer} (what the oracle seals its own keys with). It holds
 * no private key: what an extension signs beyond the response signatures (which the router adds
 * to every response) it signs with keys of its own, sealed with {@code sealer} so that they
 * unseal only on this device and build.
 *
 * <p>{@code userData} is the user data as booted; {@code applicationKey} is the slot in which an
 * application may register its own {@code appKeyHash}, changing the user data of every later
 * attestation (the attesting reverse proxy offers it on the application's loopback listener).
 */
public record OracleContext(
    ServerConfig config,
    TeeDevice device,
    byte[] userData,
    TransparencyLog log,
    Authorizer authorizer,
    Sealer sealer,
    ServerMetrics metrics,
    Clock clock,
    SecureRandom random,
    ApplicationKeySlot applicationKey) {
  public OracleContext {
    userData = userData.clone();
  }

  /** A context whose application key slot no attestation reads (for extensions tested alone). */
  public OracleContext(ServerConfig config, TeeDevice device, byte[] userData, TransparencyLog log, Authorizer authorizer,
      Sealer sealer, ServerMetrics metrics, Clock clock, SecureRandom random) {
    this(config, device, userData, log, authorizer, sealer, metrics, clock, random, new ApplicationKeySlot());
  }

  @Override
  public byte[] userData() {
    return userData.clone();
  }
}
