package dev.castellan.attestation.simulator;

import dev.castellan.attestation.TeeDevice;
import dev.castellan.attestation.binding.KeyBinding;
import dev.castellan.core.bytes.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * The oracle on the simulated Nitro device: PCR0 is the measurement, the device's persisted
 * secret is the sealing secret, the signing key is bound in PCR16, and attestation documents
 * are real-format Nitro documents chained to the simulator's root.
 */
public final class SimulatedNitroTee implements TeeDevice {
  private final SimulatedNitroDevice device;

  public SimulatedNitroTee(SimulatedNitroDevice device) {
    this.device = device;
  }

  @Override
  public String platform() {
    return "nitro";
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public byte[] measurement() {
    return device.pcr(0);
  }

  @Override
  public SecretBytes sealingSecret() {
    return device.sealingSecret();
  }

  @Override
  public void bindSigningKey(byte[] keyHash) throws GeneralSecurityException {
    device.extend(KeyBinding.SIGNING_KEY_PCR, keyHash);
    device.lock(KeyBinding.SIGNING_KEY_PCR);
  }

  @Override
  public byte[] attest(byte[] nonce, byte[] userData) throws GeneralSecurityException {
    return device.attestationDocument(userData, nonce, null);
  }

  /** A document whose {@code public_key} is {@code publicKey} (1..1024 bytes, or null for none). */
  @Override
  public byte[] attest(byte[] nonce, byte[] userData, byte[] publicKey) throws GeneralSecurityException {
    return device.attestationDocument(userData, nonce, publicKey);
  }

  public SimulatedNitroDevice device() {
    return device;
  }
}
