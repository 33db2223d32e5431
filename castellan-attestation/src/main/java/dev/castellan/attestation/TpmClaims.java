package dev.castellan.attestation;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Claims from a TPM 2.0 quote (TPM 2.0 Library Part 2, TPMS_ATTEST / TPMS_QUOTE_INFO).
 * Owned by the TPM verifier; fields may grow.
 *
 * @param akPublicKey the attestation key's SubjectPublicKeyInfo, DER
 * @param akCertified whether the AK chained to a pinned root via a certificate (false when it
 *     was trusted through a hardware report binding or out of band)
 * @param akPinned whether the AK equals one the caller supplied out of band (collateral
 *     {@code (TPM, "ak")}), which makes a certificate chain unnecessary
 * @param extraData TPMS_ATTEST.extraData (the verifier's nonce)
 * @param clock TPMS_CLOCK_INFO.clock
 * @param firmwareVersion TPMS_ATTEST.firmwareVersion
 * @param pcrs per bank (TPM_ALG_ID of the bank hash, e.g. 0x000b for SHA-256), PCR index to
 *     value; unmodifiable
 * @param simulated whether the AK chains to a simulated root
 */
public record TpmClaims(
    ByteString akPublicKey,
    boolean akCertified,
    boolean akPinned,
    ByteString extraData,
    long clock,
    long firmwareVersion,
    Map<Integer, SortedMap<Integer, ByteString>> pcrs,
    boolean simulated)
    implements Claims {
  public TpmClaims {
    Objects.requireNonNull(akPublicKey, "akPublicKey");
    Objects.requireNonNull(extraData, "extraData");
    TreeMap<Integer, SortedMap<Integer, ByteString>> copy = new TreeMap<>();
    pcrs.forEach((bank, values) -> copy.put(bank, Collections.unmodifiableSortedMap(new TreeMap<>(values))));
    pcrs = Collections.unmodifiableMap(copy);
  }

  @Override
  public Platform platform() {
    return Platform.TPM;
  }

  /** A TPM quote says nothing about debug mode. */
  @Override
  public boolean debug() {
    return false;
  }
}
