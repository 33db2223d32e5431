package dev.castellan.attestation.snp;

/**
 * Offsets of the ATTESTATION_REPORT (AMD spec 56860 Table 22; little-endian). Pure layout
 * arithmetic, no logic.
 */
final class ReportLayout {
  static final int SIZE = 0x4A0; // 1184
  static final int VERSION = 0x000;
  static final int GUEST_SVN = 0x004;
  static final int POLICY = 0x008;
  static final int FAMILY_ID = 0x010;
  static final int IMAGE_ID = 0x020;
  static final int VMPL = 0x030;
  static final int SIGNATURE_ALGO = 0x034;
  static final int CURRENT_TCB = 0x038;
  static final int PLATFORM_INFO = 0x040;
  /** Bit 0 AUTHOR_KEY_EN, bit 1 MASK_CHIP_KEY, bits 4:2 SIGNING_KEY; the rest reserved. */
  static final int FLAGS = 0x048;
  static final int RESERVED0 = 0x04C;
  static final int REPORT_DATA = 0x050;
  static final int MEASUREMENT = 0x090;
  static final int HOST_DATA = 0x0C0;
  static final int ID_KEY_DIGEST = 0x0E0;
  static final int AUTHOR_KEY_DIGEST = 0x110;
  static final int REPORT_ID = 0x140;
  static final int REPORT_ID_MA = 0x160;
  static final int REPORTED_TCB = 0x180;
  /** Version 3+: CPUID_FAM_ID, CPUID_MOD_ID, CPUID_STEP; reserved before. */
  static final int CPUID = 0x188;
  static final int RESERVED1_END = 0x1A0;
  static final int CHIP_ID = 0x1A0;
  static final int COMMITTED_TCB = 0x1E0;
  static final int CURRENT_VERSION = 0x1E8; // build, minor, major, reserved
  static final int COMMITTED_VERSION = 0x1EC; // build, minor, major, reserved
  static final int LAUNCH_TCB = 0x1F0;
  /** Version 4+: LAUNCH_MIT_VECTOR and CURRENT_MIT_VECTOR (8 bytes each). */
  static final int MIT_VECTORS = 0x1F8;
  static final int SIGNED_END = 0x2A0;
  /** Signature: R (72 bytes), S (72 bytes), then reserved up to the end. */
  static final int SIGNATURE_R = 0x2A0;
  static final int SIGNATURE_S = 0x2E8;
  static final int SIGNATURE_RESERVED = 0x330;
  static final int COMPONENT_SIZE = 72;
  static final int SCALAR_SIZE = 48;

  /** SIGNATURE_ALGO value for ECDSA P-384 with SHA-384. */
  static final int ECDSA_P384_SHA384 = 1;

  private ReportLayout() {}
}
