package dev.castellan.attestation.tdx;

import java.util.Locale;

/**
 * The TD_ATTRIBUTES bits of a TD report, by the names of the Intel TDX Module ABI
 * specification ("TD_ATTRIBUTES": TUD bits 0-7, SEC bits 8-31, OTHER bits 32-63). Bits without
 * a name are reserved and must be zero; the verifier rejects a quote that sets one.
 */
public final class TdAttributes {
  private static final String[] NAMES = new String[64];

  static {
    NAMES[0] = "DEBUG";
    NAMES[4] = "HGS_PLUS_PROF";
    NAMES[5] = "PERF_PROF";
    NAMES[6] = "PMT_PROF";
    NAMES[16] = "ICSSD";
    NAMES[27] = "LASS";
    NAMES[28] = "SEPT_VE_DISABLE";
    NAMES[29] = "MIGRATABLE";
    NAMES[30] = "PKS";
    NAMES[31] = "KL";
    NAMES[62] = "TPA";
    NAMES[63] = "PERFMON";
  }

  /** DEBUG: the host can read and write the TD's memory and registers. */
  public static final int DEBUG = 0;
  /** SEPT_VE_DISABLE: EPT violations are not turned into #VE in the TD. */
  public static final int SEPT_VE_DISABLE = 28;
  /** Every defined bit; the others are reserved. */
  public static final long DEFINED = defined();

  private TdAttributes() {}

  private static long defined() {
    long mask = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (NAMES[bit] != null) {
        mask |= 1L << bit;
      }
    }
    return mask;
  }

  /** The bit number of a defined attribute name (e.g. {@code SEPT_VE_DISABLE}), or -1. */
  public static int bit(String name) {
    for (int bit = 0; bit < 64; bit++) {
      if (NAMES[bit] != null && NAMES[bit].equals(name.toUpperCase(Locale.ROOT))) {
        return bit;
      }
    }
    return -1;
  }

  /** {@code SEPT_VE_DISABLE (bit 28)}, or {@code bit 3 (reserved)}. */
  public static String describe(int bit) {
    if (bit < 0 || bit > 63) {
      throw new IllegalArgumentException("TD_ATTRIBUTES has bits 0..63");
    }
    return NAMES[bit] != null ? NAMES[bit] + " (bit " + bit + ")" : "bit " + bit + " (reserved)";
  }

  /** Every bit of {@code mask}, described, comma-separated. */
  public static String describeAll(long mask) {
    StringBuilder out = new StringBuilder();
    for (int bit = 0; bit < 64; bit++) {
      if ((mask >>> bit & 1) != 0) {
        out.append(out.isEmpty() ? "" : ", ").append(describe(bit));
      }
    }
    return out.toString();
  }

  /** A little-endian 8-byte report field (TD_ATTRIBUTES, XFAM) as a number. */
  public static long le64(byte[] field) {
    if (field.length != 8) {
      throw new IllegalArgumentException("an 8-byte field is required");
    }
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = value << 8 | (field[i] & 0xff);
    }
    return value;
  }
}
