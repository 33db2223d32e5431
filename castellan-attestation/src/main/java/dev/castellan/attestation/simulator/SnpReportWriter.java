package dev.castellan.attestation.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Lays out an SEV-SNP ATTESTATION_REPORT, version 3 (AMD SEV-SNP ABI spec 56860, Table 22;
 * all fields little-endian). Pure layout: no keys, no policy. Offsets are the spec's.
 */
final class SnpReportWriter {
  static final int SIZE = 0x4A0; // 1184
  static final int VERSION = 3;
  static final int SIGNED_END = 0x2A0;
  static final int SIGNATURE_R = 0x2A0;
  static final int SIGNATURE_S = 0x2E8;
  static final int SCALAR_BYTES = 48;
  static final int REPORT_DATA_BYTES = 64;
  static final int MEASUREMENT_BYTES = 48;
  static final int CHIP_ID_BYTES = 64;

  /** SIGNATURE_ALGO 1: ECDSA P-384 with SHA-384. */
  private static final int ECDSA_P384_SHA384 = 1;

  /** Milan's TCB_VERSION: byte 0 boot loader, 1 TEE, 2-5 reserved, 6 SNP, 7 microcode. */
  static long tcbVersion(int bootloader, int tee, int snp, int microcode) {
    return (bootloader & 0xffL) | (tee & 0xffL) << 8 | (snp & 0xffL) << 48 | (microcode & 0xffL) << 56;
  }

  /** The fields of the signed region that vary. */
  record Fields(
      long policy,
      long tcb,
      long platformInfo,
      byte[] reportData,
      byte[] measurement,
      byte[] hostData,
      byte[] reportId,
      byte[] chipId,
      int cpuidFamily,
      int cpuidModel,
      int cpuidStepping,
      int firmwareMajor,
      int firmwareMinor,
      int firmwareBuild) {}

  private SnpReportWriter() {}

  /** The 1184-byte report with a zero signature; bytes {@code [0, 0x2A0)} are the signed region. */
  static byte[] unsigned(Fields f) {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x000, VERSION);
    b.putInt(0x004, 0); // GUEST_SVN
    b.putLong(0x008, f.policy());
    // 0x010 FAMILY_ID and 0x020 IMAGE_ID: zero (no ID block)
    b.putInt(0x030, 0); // VMPL 0: the guest kernel itself asked
    b.putInt(0x034, ECDSA_P384_SHA384);
    b.putLong(0x038, f.tcb()); // CURRENT_TCB
    b.putLong(0x040, f.platformInfo());
    b.putInt(0x048, 0); // AUTHOR_KEY_EN 0, MASK_CHIP_ID 0, SIGNING_KEY 0 (VCEK)
    b.put(0x050, f.reportData());
    b.put(0x090, f.measurement());
    b.put(0x0C0, f.hostData());
    // 0x0E0 ID_KEY_DIGEST and 0x110 AUTHOR_KEY_DIGEST: zero (no ID block)
    b.put(0x140, f.reportId());
    byte[] noMigrationAgent = new byte[32];
    Arrays.fill(noMigrationAgent, (byte) 0xff);
    b.put(0x160, noMigrationAgent); // REPORT_ID_MA: all ones when there is no migration agent
    b.putLong(0x180, f.tcb()); // REPORTED_TCB
    b.put(0x188, (byte) f.cpuidFamily());
    b.put(0x189, (byte) f.cpuidModel());
    b.put(0x18A, (byte) f.cpuidStepping());
    b.put(0x1A0, f.chipId());
    b.putLong(0x1E0, f.tcb()); // COMMITTED_TCB
    putVersion(b, 0x1E8, f);
    putVersion(b, 0x1EC, f);
    b.putLong(0x1F0, f.tcb()); // LAUNCH_TCB
    return b.array();
  }

  private static void putVersion(ByteBuffer b, int offset, Fields f) {
    b.put(offset, (byte) f.firmwareBuild());
    b.put(offset + 1, (byte) f.firmwareMinor());
    b.put(offset + 2, (byte) f.firmwareMajor());
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
