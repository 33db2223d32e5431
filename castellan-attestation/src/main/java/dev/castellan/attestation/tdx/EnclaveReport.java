package dev.castellan.attestation.tdx;

import java.util.Arrays;

/**
 * An SGX enclave report body (384 bytes), here the Quoting Enclave's report inside a TDX
 * quote. Layout per the Intel SGX DCAP ECDSA Quote Library API, "Enclave Report Body".
 * Immutable: every accessor returns a copy.
 */
public final class EnclaveReport {
  public static final int SIZE = 384;

  private final byte[] raw;

  public EnclaveReport(byte[] raw) {
    if (raw.length != SIZE) {
      throw new IllegalArgumentException("enclave report must be 384 bytes");
    }
    this.raw = raw.clone();
  }

  private byte[] slice(int offset, int length) {
    return Arrays.copyOfRange(raw, offset, offset + length);
  }

  private int u16(int offset) {
    return (raw[offset] & 0xff) | (raw[offset + 1] & 0xff) << 8;
  }

  public byte[] cpuSvn() {
    return slice(0, 16);
  }

  /** MISCSELECT as it appears in the report (4 bytes, little-endian). */
  public byte[] miscSelect() {
    return slice(16, 4);
  }

  public byte[] attributes() {
    return slice(48, 16);
  }

  public byte[] mrEnclave() {
    return slice(64, 32);
  }

  public byte[] mrSigner() {
    return slice(128, 32);
  }

  public int isvProdId() {
    return u16(256);
  }

  public int isvSvn() {
    return u16(258);
  }

  public byte[] reportData() {
    return slice(320, 64);
  }

  /** The raw report bytes, as signed by the PCK key. */
  public byte[] encoded() {
    return raw.clone();
  }
}
