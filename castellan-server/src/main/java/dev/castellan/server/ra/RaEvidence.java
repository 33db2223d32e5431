package dev.castellan.server.ra;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.AttestationResult;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.NitroClaims;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TeeDevice;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.attestation.nitro.NitroVerifier;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Evidence for the RA routes, verified with the same {@link NitroVerifier} as {@code castellan
 * attest verify} and trust anchors given at boot (the bundled AWS root plus, on the simulator,
 * its root, which labels every result simulated). The PCRs and the NSM description come from a
 * fresh document of the device, verified like any other: what the routes show is what a relying
 * party would see.
 */
final class RaEvidence {
  private final TeeDevice device;
  private final NitroVerifier verifier;
  private final byte[] userData;
  private final Clock clock;
  private final SecureRandom random;

  RaEvidence(TeeDevice device, TrustAnchors anchors, byte[] userData, Clock clock, SecureRandom random) {
    this.device = device;
    this.verifier = NitroVerifier.create(anchors);
    this.userData = userData.clone();
    this.clock = clock;
    this.random = random;
  }

  /** {@code document} verified at {@code time} against {@code freshness}. */
  AttestationResult verify(byte[] document, Instant time, Freshness freshness) throws AttestationException {
    Evidence evidence = Evidence.of(Platform.NITRO, document);
    return verifier.verify(evidence, new VerificationRequest(time, freshness, CollateralSource.none()));
  }

  /** The claims of a fresh document of the device (a random 32-byte nonce, the oracle's user data). */
  NitroClaims current() throws GeneralSecurityException {
    if (!device.platform().equals("nitro")) {
      throw new GeneralSecurityException("the RA API's PCRs need a Nitro device, not " + device.platform());
    }
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    AttestationResult result = verify(device.attest(nonce, userData), clock.instant(), Freshness.nonce(nonce));
    return (NitroClaims) result.claims();
  }

  boolean simulated() {
    return device.simulated();
  }

  /** The device's launch measurement (Nitro PCR0). */
  byte[] measurement() {
    return device.measurement();
  }

  String platform() {
    return device.platform();
  }

  Instant now() {
    return clock.instant();
  }
}
