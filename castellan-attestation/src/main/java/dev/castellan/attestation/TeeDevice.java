package dev.castellan.attestation;

import dev.castellan.core.bytes.SecretBytes;
import java.security.GeneralSecurityException;

/**
 * What a service needs of the trusted execution environment it runs in — the oracle, the key
 * broker's clients, the runtime: its measurement, a sealing secret bound to the device, a way
 * to bind a signing key into the measured state, and fresh evidence. One adapter per attester
 * ({@link dev.castellan.attestation.simulator.SimulatedNitroTee} by default); see seed 001's
 * boot sequence for why each exists. Services stand on this one abstraction; an {@link
 * Attester} is the evidence half of it.
 */
public interface TeeDevice {
  /** {@code nitro}, {@code sev-snp}, {@code tdx} or {@code tpm}. */
  String platform();

  /** True when the device is the simulator: its evidence proves nothing about hardware. */
  boolean simulated();

  /** The launch measurement (Nitro PCR0, SEV-SNP MEASUREMENT, TDX MRTD). */
  byte[] measurement();

  /** The secret the device offers for sealing data to itself (never leaves the process). */
  SecretBytes sealingSecret() throws GeneralSecurityException;

  /**
   * Binds {@code keyHash} (SHA-256 of the compressed signing public key) into the measured
   * state: on Nitro, extends PCR16 with it and locks PCR16, so that PCR16 = SHA-384(0^48 ‖
   * keyHash); on SEV-SNP and TDX it becomes part of REPORT_DATA instead. Called once per boot.
   */
  void bindSigningKey(byte[] keyHash) throws GeneralSecurityException;

  /** Fresh evidence carrying {@code nonce} and {@code userData}, in the platform's real format. */
  byte[] attest(byte[] nonce, byte[] userData) throws GeneralSecurityException;

  /**
   * Fresh evidence that also carries {@code publicKey} (DER SubjectPublicKeyInfo) in the
   * platform's own public-key field: on Nitro the attestation document's {@code public_key},
   * which AWS KMS encrypts its {@code CiphertextForRecipient} to. With {@code publicKey} null
   * this is {@link #attest(byte[], byte[])}.
   *
   * <p>Platforms whose evidence has no such field (SEV-SNP, TDX and TPM bind keys through
   * report data instead) MUST refuse a non-null key rather than drop it silently; that is
   * what this default does, and only Nitro devices override it.
   */
  default byte[] attest(byte[] nonce, byte[] userData, byte[] publicKey) throws GeneralSecurityException {
    if (publicKey == null) {
      return attest(nonce, userData);
    }
    throw new GeneralSecurityException(
        platform() + " evidence has no public_key field; bind the key through the report data instead");
  }
}
