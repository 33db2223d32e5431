package dev.castellan.attestation;

/**
 * An Attester (RFC 9334 §3.1): produces evidence about the environment it runs in. Hardware
 * attesters talk to a device ({@code /dev/nsm}, configfs-tsm); the simulator is one more
 * implementation that emits the same formats signed by a simulated root.
 *
 * <p>Contract: the evidence MUST bind {@code challenge} exactly (Nitro {@code nonce}, SEV-SNP
 * and TDX REPORT_DATA, TPM {@code extraData}); a challenge the platform cannot carry (wrong
 * length) is an error, never padded or truncated. An absent device MUST raise {@link
 * DeviceUnavailableException} naming it.
 */
public interface Attester {
  Platform platform();

  /** True for the simulator: its evidence proves nothing about hardware. */
  default boolean simulated() {
    return false;
  }

  /**
   * Evidence binding {@code challenge}: the nonce (Nitro, TPM) or the 64-byte report data
   * (SEV-SNP, TDX).
   */
  Evidence attest(byte[] challenge) throws AttestationException;
}
