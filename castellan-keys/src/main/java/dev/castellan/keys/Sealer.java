package dev.castellan.keys;

import dev.castellan.core.bytes.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * Binds a secret to the current measurement of the running code, so that only the same code
 * on the same (real or simulated) device can recover it.
 *
 * <p>Contract: {@link #unseal} MUST fail with {@link UnsealException} when the measurement or
 * the device differs from the one at {@link #seal} time, and MUST NOT reveal anything about
 * the secret in its message. Implementations: {@link MeasurementSealer} (a key derived from a
 * device secret and the measurement: the simulator, or any TEE that exposes a sealing
 * secret); {@link dev.castellan.keys.tpm.TpmSealer} seals to a TPM 2.0 PCR policy.
 */
public interface Sealer {
  /** Encrypts {@code secret} to the current measurement; the result is safe to store anywhere. */
  byte[] seal(SecretBytes secret) throws GeneralSecurityException;

  /** Recovers a secret sealed by {@link #seal} under the same measurement and device. */
  SecretBytes unseal(byte[] sealed) throws UnsealException;
}
