package dev.castellan.attestation.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Lays out an SEV-SNP ATTESTATION_REPORT (AMD SEV-SNP ABI spec 56860, Table 22; all fields
 * little-endian). Pure layout: no keys, no policy, and no validation either, so a test can
 * write any field (including values the verifier must reject) and sign it. Offsets are the
 * spec's.
 */
final class SnpReportWriter {
  static final int SIZE = 0x4A0; // 1184
  static final int SIGNED_END = 0x2A0;
  static final int SIGNATURE_R = 0x2A0;
  static final int SIGNATURE_S = 0x2E8;
  static final int SCALAR_BYTES = 48;
  static final int REPORT_DATA_BYTES = 64;
  static final int MEASUREMENT_BYTES = 48;
  static final int CHIP_ID_BYTES = 64;

  /** SIGNATURE_ALGO 1: ECDSA P-384 with SHA-384. */
  static final int ECDSA_P384_SHA384 = 1;

  /** Milan's TCB_VERSION: byte 0 boot loader, 1 TEE, 2-5 reserved, 6 SNP, 7 microcode. */
  static long tcbVersion(int bootloader, int tee, int snp, int microcode) {
    return (bootloader & 0xffL) | (tee & 0xffL) << 8 | (snp & 0xffL) << 48 | (microcode & 0xffL) << 56;
  }

  /**
   * Every field of the signed region. {@code flags} is the word at 0x048 (bit 0
   * AUTHOR_KEY_EN, bit 1 MASK_CHIP_KEY, bits 4:2 SIGNING_KEY); firmware versions are {@code
   * major << 16 | minor << 8 | build}. CPUID is written for version 3 and later, the
   * mitigation vectors for version 5 (and 4).
   */
  record Fields(
      int version,
      int guestSvn,
      long policy,
      byte[] familyId,
      byte[] imageId,
      int vmpl,
      long currentTcb,
      long platformInfo,
      int flags,
      byte[] reportData,
      byte[] measurement,
      byte[] hostData,
      byte[] idKeyDigest,
      byte[] authorKeyDigest,
      byte[] reportId,
      byte[] reportIdMa,
      long reportedTcb,
      int cpuidFamily,
      int cpuidModel,
      int cpuidStepping,
      byte[] chipId,
      long committedTcb,
      int currentFirmware,
      int committedFirmware,
      long launchTcb,
      long launchMitigationVector,
      long currentMitigationVector) {}

  private SnpReportWriter() {}

  /** The 1184-byte report with a zero signature; bytes {@code [0, 0x2A0)} are the signed region. */
  static byte[] unsigned(Fields f) {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x000, f.version());
    b.putInt(0x004, f.guestSvn());
    b.putLong(0x008, f.policy());
    b.put(0x010, f.familyId());
    b.put(0x020, f.imageId());
    b.putInt(0x030, f.vmpl());
    b.putInt(0x034, ECDSA_P384_SHA384);
    b.putLong(0x038, f.currentTcb());
    b.putLong(0x040, f.platformInfo());
    b.putInt(0x048, f.flags());
    b.put(0x050, f.reportData());
    b.put(0x090, f.measurement());
    b.put(0x0C0, f.hostData());
    b.put(0x0E0, f.idKeyDigest());
    b.put(0x110, f.authorKeyDigest());
    b.put(0x140, f.reportId());
    b.put(0x160, f.reportIdMa());
    b.putLong(0x180, f.reportedTcb());
    if (f.version() >= 3) {
      b.put(0x188, (byte) f.cpuidFamily());
      b.put(0x189, (byte) f.cpuidModel());
      b.put(0x18A, (byte) f.cpuidStepping());
    }
    b.put(0x1A0, f.chipId());
    b.putLong(0x1E0, f.committedTcb());
    b.putInt(0x1E8, f.currentFirmware() & 0xFFFFFF);
    b.putInt(0x1EC, f.committedFirmware() & 0xFFFFFF);
    b.putLong(0x1F0, f.launchTcb());
    if (f.version() >= 4) {
      b.putLong(0x1F8, f.launchMitigationVector());
      b.putLong(0x200, f.currentMitigationVector());
    }
    return b.array();
  }

  /**
   * Writes a big-endian {@code r || s} (48 bytes each) into the report's signature fields:
   * each component little-endian in a 72-byte field whose upper 24 bytes stay zero.
   */
  static void putSignature(byte[] report, byte[] p1363) {
    for (int i = 0; i < SCALAR_BYTES; i++) {
      report[SIGNATURE_R + i] = p1363[SCALAR_BYTES - 1 - i];
      report[SIGNATURE_S + i] = p1363[2 * SCALAR_BYTES - 1 - i];
    }
  }
}
