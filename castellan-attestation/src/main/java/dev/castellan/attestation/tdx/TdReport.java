package dev.castellan.attestation.tdx;

import java.util.Arrays;
import java.util.List;

/**
 * The TD report body of a TDX quote: TDX 1.0 (584 bytes) or TDX 1.5 (648 bytes, adds
 * {@code TEE_TCB_SVN2} and {@code MR_SERVICETD}). Layout per the Intel TDX DCAP Quoting
 * Library API, appendix A.3 ("TD Quote Body"). Immutable: every accessor returns a copy.
 */
public final class TdReport {
  /** Size of the TDX 1.0 body. */
  public static final int TDX10_SIZE = 584;
  /** Size of the TDX 1.5 body. */
  public static final int TDX15_SIZE = 648;
  /** Bit 0 of TD_ATTRIBUTES: the TD is debuggable and its memory is readable by the host. */
  public static final int ATTRIBUTE_DEBUG = 1;

  private final byte[] raw;

  TdReport(byte[] raw) {
    if (raw.length != TDX10_SIZE && raw.length != TDX15_SIZE) {
      throw new IllegalArgumentException("TD report must be 584 or 648 bytes");
    }
    this.raw = raw.clone();
  }

  private byte[] slice(int offset, int length) {
    return Arrays.copyOfRange(raw, offset, offset + length);
  }

  /** Whether this is the TDX 1.5 body (with {@link #teeTcbSvn2()} and {@link #mrServiceTd()}). */
  public boolean isTdx15() {
    return raw.length == TDX15_SIZE;
  }

  public byte[] teeTcbSvn() {
    return slice(0, 16);
  }

  public byte[] mrSeam() {
    return slice(16, 48);
  }

  public byte[] mrSignerSeam() {
    return slice(64, 48);
  }

  public byte[] seamAttributes() {
    return slice(112, 8);
  }

  /** TD_ATTRIBUTES, 8 bytes as in the report (little-endian; bit 0 of byte 0 = DEBUG). */
  public byte[] tdAttributes() {
    return slice(120, 8);
  }

  /** XFAM, 8 bytes as in the report (little-endian). */
  public byte[] xfam() {
    return slice(128, 8);
  }

  public byte[] mrTd() {
    return slice(136, 48);
  }

  public byte[] mrConfigId() {
    return slice(184, 48);
  }

  public byte[] mrOwner() {
    return slice(232, 48);
  }

  public byte[] mrOwnerConfig() {
    return slice(280, 48);
  }

  /** RTMR0..RTMR3, 48 bytes each. */
  public List<byte[]> rtmrs() {
    return List.of(slice(328, 48), slice(376, 48), slice(424, 48), slice(472, 48));
  }

  public byte[] reportData() {
    return slice(520, 64);
  }

  /** TEE_TCB_SVN2 of a TDX 1.5 body; empty for TDX 1.0. */
  public byte[] teeTcbSvn2() {
    return isTdx15() ? slice(584, 16) : new byte[0];
  }

  /** MR_SERVICETD of a TDX 1.5 body; empty for TDX 1.0. */
  public byte[] mrServiceTd() {
    return isTdx15() ? slice(600, 48) : new byte[0];
  }

  public boolean isDebug() {
    return (raw[120] & ATTRIBUTE_DEBUG) != 0;
  }

  /** The raw body bytes, as signed. */
  public byte[] encoded() {
    return raw.clone();
  }
}
