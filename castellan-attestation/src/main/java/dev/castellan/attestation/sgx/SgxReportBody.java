package dev.castellan.attestation.sgx;

import java.util.Arrays;
import java.util.Locale;

/**
 * The SGX enclave report body of a quote ({@code sgx_report_body_t}, 384 bytes), per the Intel
 * SGX ECDSA Quote Library API, "Enclave Report Body". The reserved fields MUST be zero (the
 * CPU writes them so); a set reserved byte is malformed evidence, named with its field.
 * Immutable: every accessor returns a copy.
 */
public final class SgxReportBody {
  public static final int SIZE = 384;

  /** Reserved regions: name, offset, length. */
  private static final Object[][] RESERVED = {
    {"RESERVED1", 20, 12}, {"RESERVED2", 96, 32}, {"RESERVED3", 160, 32}, {"RESERVED4", 262, 42}
  };

  private final byte[] raw;

  private SgxReportBody(byte[] raw) {
    this.raw = raw;
  }

  /**
   * A report body from exactly {@link #SIZE} bytes.
   *
   * @throws SgxException if the length is wrong or a reserved byte is set
   */
  public static SgxReportBody parse(byte[] raw) throws SgxException {
    if (raw.length != SIZE) {
      throw new SgxException("enclave report body must be 384 bytes");
    }
    for (Object[] field : RESERVED) {
      int offset = (Integer) field[1];
      for (int i = offset; i < offset + (Integer) field[2]; i++) {
        if (raw[i] != 0) {
          throw new SgxException(String.format(Locale.ROOT,
              "enclave report body %s byte %d is not zero", field[0], i - offset));
        }
      }
    }
    return new SgxReportBody(raw.clone());
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

  /** MISCSELECT as in the report (4 bytes, little-endian). */
  public byte[] miscSelect() {
    return slice(16, 4);
  }

  public byte[] isvExtProdId() {
    return slice(32, 16);
  }

  /** ATTRIBUTES: FLAGS (8 bytes) then XFRM (8 bytes), both little-endian. */
  public byte[] attributes() {
    return slice(48, 16);
  }

  public byte[] mrEnclave() {
    return slice(64, 32);
  }

  public byte[] mrSigner() {
    return slice(128, 32);
  }

  public byte[] configId() {
    return slice(192, 64);
  }

  public int isvProdId() {
    return u16(256);
  }

  public int isvSvn() {
    return u16(258);
  }

  public int configSvn() {
    return u16(260);
  }

  public byte[] isvFamilyId() {
    return slice(304, 16);
  }

  public byte[] reportData() {
    return slice(320, 64);
  }

  /** The raw body, as signed. */
  public byte[] encoded() {
    return raw.clone();
  }
}
