package dev.castellan.attestation.snp;

import static dev.castellan.attestation.snp.ReportLayout.*;

import dev.castellan.attestation.MalformedEvidenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The structure rules of an ATTESTATION_REPORT (AMD SEV-SNP ABI spec 56860, Table 22 and the
 * tables of GUEST_POLICY, PLATFORM_INFO and TCB_VERSION): every reserved byte and bit, per
 * report version. Runs on the unauthenticated bytes, before the signature, so a violation is
 * malformed evidence (check {@code snp.format}) naming the field, whatever the signature.
 *
 * <p>Versions: 2 (spec rev 1.55), 3 (adds CPUID_FAM_ID/MOD_ID/STEP and ALIAS_CHECK_COMPLETE),
 * 5 (rev 1.58: LAUNCH_MIT_VECTOR, CURRENT_MIT_VECTOR, PAGE_SWAP_DISABLE, TIO_EN). Version 4
 * appears in no published table; firmware that emitted it used the version-5 layout, so it is
 * read as version 5. Any other version is rejected, naming it.
 *
 * <p>Bits: a bit this code knows from a later report version than the report's is rejected
 * as "defined only from version N"; a bit no known version defines is rejected as "unknown
 * bit N set". Known bits that no policy rule reads are listed by {@link #unappraisedBits}.
 */
final class ReportStructure {
  /** GUEST_POLICY bit 17: reserved, must be one. */
  static final int POLICY_MUST_BE_ONE = 17;

  /** GUEST_POLICY bits 16.. by name; index = bit - 16. */
  private static final String[] POLICY_BITS = {
    "SMT", "reserved (must be one)", "MIGRATE_MA", "DEBUG", "SINGLE_SOCKET", "CXL_ALLOW",
    "MEM_AES_256_XTS", "RAPL_DIS", "CIPHERTEXT_HIDING_DRAM", "PAGE_SWAP_DISABLE"
  };

  /** PLATFORM_INFO bits by name; null = reserved. */
  private static final String[] PLATFORM_BITS = {
    "SMT_EN", "TSME_EN", "ECC_EN", "RAPL_DIS", "CIPHERTEXT_HIDING_DRAM_EN", "ALIAS_CHECK_COMPLETE",
    null, "TIO_EN"
  };

  private ReportStructure() {}

  /** The version whose layout applies: 4 reads as 5. */
  static int layoutVersion(int version) {
    return version == 4 ? 5 : version;
  }

  /** The first report version that defines GUEST_POLICY bit {@code bit} (0 if none does). */
  static int policyBitSince(int bit) {
    if (bit <= 24) {
      return 2;
    }
    return bit == 25 ? 5 : 0;
  }

  /** The first report version that defines PLATFORM_INFO bit {@code bit} (0 if none does). */
  static int platformBitSince(int bit) {
    if (bit <= 4) {
      return 2;
    }
    if (bit == 5) {
      return 3;
    }
    return bit == 7 ? 5 : 0;
  }

  /**
   * Checks every structure rule of {@code bytes} (1184 bytes) with report version {@code
   * version}.
   *
   * @throws MalformedEvidenceException naming the first field that breaks a rule
   */
  static void check(byte[] bytes, int version) throws MalformedEvidenceException {
    if (version < 2 || version > 5) {
      throw new MalformedEvidenceException(SnpReport.CHECK,
          "VERSION " + Integer.toUnsignedString(version) + " is not a known report version", "2, 3, 4 or 5",
          Integer.toUnsignedString(version));
    }
    int v = layoutVersion(version);
    checkPolicy(le64(bytes, POLICY), version, v);
    int algorithm = le32(bytes, SIGNATURE_ALGO);
    if (algorithm != ECDSA_P384_SHA384) {
      throw new MalformedEvidenceException("snp.signature-algorithm",
          "SIGNATURE_ALGO " + Integer.toUnsignedString(algorithm) + " is reserved or unsupported",
          "1 (ECDSA P-384 SHA-384)", Integer.toUnsignedString(algorithm));
    }
    checkPlatformInfo(le64(bytes, PLATFORM_INFO), version, v);
    checkFlags(le32(bytes, FLAGS));
    zero(bytes, RESERVED0, REPORT_DATA, "reserved field at 0x04C-0x04F");
    boolean turin = v >= 3 && (bytes[CPUID] & 0xff) == SnpReport.TURIN_FAMILY;
    tcb(bytes, CURRENT_TCB, "CURRENT_TCB", v, turin);
    tcb(bytes, REPORTED_TCB, "REPORTED_TCB", v, turin);
    tcb(bytes, COMMITTED_TCB, "COMMITTED_TCB", v, turin);
    tcb(bytes, LAUNCH_TCB, "LAUNCH_TCB", v, turin);
    if (v >= 3) {
      zero(bytes, CPUID + 3, RESERVED1_END, "reserved field at 0x18B-0x19F");
    } else {
      zero(bytes, CPUID, RESERVED1_END, "reserved field at 0x188-0x19F (CPUID fields are version 3+)");
    }
    if ((le32(bytes, FLAGS) & 0x2) != 0) {
      zero(bytes, CHIP_ID, CHIP_ID + 64, "CHIP_ID (MASK_CHIP_KEY is set, so it must be zero)");
    }
    zero(bytes, CURRENT_VERSION + 3, CURRENT_VERSION + 4, "reserved byte at 0x1EB (after CURRENT_MAJOR)");
    zero(bytes, COMMITTED_VERSION + 3, COMMITTED_VERSION + 4, "reserved byte at 0x1EF (after COMMITTED_MAJOR)");
    if (v >= 5) {
      zero(bytes, MIT_VECTORS + 16, SIGNED_END, "reserved field at 0x208-0x29F");
    } else {
      zero(bytes, MIT_VECTORS, SIGNED_END,
          "reserved field at 0x1F8-0x29F (LAUNCH_MIT_VECTOR and CURRENT_MIT_VECTOR are version 5)");
    }
    zero(bytes, SIGNATURE_R + SCALAR_SIZE, SIGNATURE_S, "zero padding of signature R (0x2D0-0x2E7)");
    zero(bytes, SIGNATURE_S + SCALAR_SIZE, SIGNATURE_RESERVED, "zero padding of signature S (0x318-0x32F)");
    zero(bytes, SIGNATURE_RESERVED, SIZE, "reserved bytes after the signature (0x330-0x49F)");
  }

  private static void checkPolicy(long policy, int version, int v) throws MalformedEvidenceException {
    if (((policy >>> POLICY_MUST_BE_ONE) & 1) == 0) {
      throw new MalformedEvidenceException(SnpReport.CHECK,
          "POLICY bit 17 (reserved, must be one) is clear", "1", "0");
    }
    for (int bit = 16; bit < 64; bit++) {
      if (((policy >>> bit) & 1) != 0) {
        int since = policyBitSince(bit);
        if (since == 0) {
          throw new MalformedEvidenceException(SnpReport.CHECK, "POLICY unknown bit " + bit
              + " set (reserved, must be zero)", "0", "1");
        }
        if (since > v) {
          throw new MalformedEvidenceException(SnpReport.CHECK, "POLICY bit " + bit + " (" + POLICY_BITS[bit - 16]
              + ") is defined only from report version " + since + ", report is version " + version, "0", "1");
        }
      }
    }
  }

  private static void checkPlatformInfo(long info, int version, int v) throws MalformedEvidenceException {
    for (int bit = 0; bit < 64; bit++) {
      if (((info >>> bit) & 1) != 0) {
        int since = platformBitSince(bit);
        if (since == 0) {
          throw new MalformedEvidenceException(SnpReport.CHECK, "PLATFORM_INFO unknown bit " + bit
              + " set (reserved, must be zero)", "0", "1");
        }
        if (since > v) {
          throw new MalformedEvidenceException(SnpReport.CHECK, "PLATFORM_INFO bit " + bit + " ("
              + PLATFORM_BITS[bit] + ") is defined only from report version " + since + ", report is version "
              + version, "0", "1");
        }
      }
    }
  }

  /** The word at 0x048: bit 0 AUTHOR_KEY_EN, bit 1 MASK_CHIP_KEY, bits 4:2 SIGNING_KEY. */
  private static void checkFlags(int flags) throws MalformedEvidenceException {
    if ((flags & ~0x1F) != 0) {
      int bit = Integer.numberOfTrailingZeros(flags & ~0x1F);
      throw new MalformedEvidenceException(SnpReport.CHECK, "flags at 0x048 (AUTHOR_KEY_EN, MASK_CHIP_KEY, "
          + "SIGNING_KEY): reserved bit " + bit + " set", "bits 31:5 zero", hex32(flags));
    }
    int signingKey = (flags >>> 2) & 0x7;
    if (signingKey == 7) {
      throw new MalformedEvidenceException(SnpReport.CHECK,
          "SIGNING_KEY 7 (none): the report is not signed", "0 (VCEK) or 1 (VLEK)", "7");
    }
    if (signingKey > 1) {
      throw new MalformedEvidenceException(SnpReport.CHECK,
          "SIGNING_KEY " + signingKey + " is reserved", "0 (VCEK) or 1 (VLEK)", Integer.toString(signingKey));
    }
  }

  /**
   * TCB_VERSION: Milan and Genoa use bytes 0 BOOT_LOADER, 1 TEE, 6 SNP, 7 MICROCODE (2-5
   * reserved); Turin (CPUID family 0x1A) bytes 0 FMC, 1 BOOT_LOADER, 2 TEE, 3 SNP, 7 MICROCODE
   * (4-6 reserved). A version-2 report carries no CPUID, so only bytes 4-5, reserved in both,
   * are checked there.
   */
  private static void tcb(byte[] bytes, int offset, String name, int v, boolean turin)
      throws MalformedEvidenceException {
    int from = v < 3 ? 4 : turin ? 4 : 2;
    int to = v < 3 ? 6 : turin ? 7 : 6;
    for (int i = from; i < to; i++) {
      if (bytes[offset + i] != 0) {
        throw new MalformedEvidenceException(SnpReport.CHECK, String.format(Locale.ROOT,
            "%s reserved byte %d (offset 0x%03X) is not zero", name, i, offset + i), "0",
            Integer.toString(bytes[offset + i] & 0xff));
      }
    }
  }

  /** Known GUEST_POLICY and PLATFORM_INFO bits that are set but no policy rule appraises. */
  static List<String> unappraisedBits(long policy, long platformInfo) {
    List<String> out = new ArrayList<>();
    for (int bit = 20; bit <= 25; bit++) {
      if (((policy >>> bit) & 1) != 0) {
        out.add("POLICY." + POLICY_BITS[bit - 16]);
      }
    }
    for (int bit : new int[] {2, 3, 4, 5, 7}) {
      if (((platformInfo >>> bit) & 1) != 0) {
        out.add("PLATFORM_INFO." + PLATFORM_BITS[bit]);
      }
    }
    return out;
  }

  private static void zero(byte[] bytes, int from, int to, String what) throws MalformedEvidenceException {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        throw new MalformedEvidenceException(SnpReport.CHECK, what + " is not zero", "0",
            String.format(Locale.ROOT, "non-zero byte at 0x%03X", i));
      }
    }
  }

  private static String hex32(int value) {
    return String.format(Locale.ROOT, "0x%08x", value);
  }

  static int le32(byte[] b, int offset) {
    return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16
        | (b[offset + 3] & 0xff) << 24;
  }

  static long le64(byte[] b, int offset) {
    return (le32(b, offset) & 0xffffffffL) | ((long) le32(b, offset + 4)) << 32;
  }
}
