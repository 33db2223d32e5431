package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.PlatformException.Kind.MALFORMED;

import dev.castellan.core.bytes.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The structure checks of a TDX quote that need no key: reserved fields of the quote header,
 * the QE vendor ID, and the TD report's TD_ATTRIBUTES, XFAM and SEAM attributes. They are
 * always on: a quote that violates one is malformed evidence (the TDX module and the Quoting
 * Enclave never produce it), whatever the policy says.
 *
 * <p>Sources: Intel TDX DCAP Quoting Library API, appendix A.3 ("Quote Header": version,
 * attestation key type 2 = ECDSA-256-with-P-256, TEE type 0x81, two reserved 16-bit fields,
 * QE vendor ID); Intel TDX Module ABI specification, "TD_ATTRIBUTES" (TUD bits 0-7, SEC bits
 * 8-31, OTHER bits 32-63) and "XFAM" (the module's XFAM_FIXED0/XFAM_FIXED1 and the
 * XCR0/IA32_XSS combination rules that TDH.MNG.INIT enforces).
 */
final class TdxStructure {
  /** Intel's QE vendor ID, 939a7233-f79c-4ca9-940a-0db3957f0607. */
  static final byte[] INTEL_QE_VENDOR_ID = Hex.decode("939a7233f79c4ca9940a0db3957f0607");

  /** XFAM bits the TDX module can allow (XFAM_FIXED0): x87, SSE, AVX, AVX-512, PT, PKRU, CET, ULI, LBR, AMX. */
  static final long XFAM_FIXED0 = 0x0006_DBE7L;
  /** XFAM bits that must be set (XFAM_FIXED1): x87 and SSE. */
  static final long XFAM_FIXED1 = 0x3L;

  private static final long XFAM_AVX = 1L << 2;
  private static final long XFAM_AVX512 = 0b111L << 5; // opmask, ZMM_Hi256, Hi16_ZMM
  private static final long XFAM_CET = 0b11L << 11; // CET_U, CET_S
  private static final long XFAM_AMX = 0b11L << 17; // XTILECFG, XTILEDATA

  private TdxStructure() {}

  /** The checks this class makes, for the result's {@code tdx.structure} line. */
  static final String SUMMARY = "header reserved fields and QE vendor ID, TD_ATTRIBUTES reserved "
      + "bits, XFAM (XFAM_FIXED0/1 and combination rules), SEAM attributes";

  /** Checks the 48-byte header (version, key type and TEE type are checked by the parser). */
  static void checkHeader(byte[] header) throws TdxException {
    for (int offset = 8; offset < 12; offset++) {
      if (header[offset] != 0) {
        throw malformed("tdx.quote.header", String.format(Locale.ROOT,
            "quote header reserved field at offset %d is not zero", offset & ~1));
      }
    }
    if (!Arrays.equals(Arrays.copyOfRange(header, 12, 28), INTEL_QE_VENDOR_ID)) {
      throw malformed("tdx.quote.qe-vendor-id", "QE vendor ID "
          + Hex.encode(Arrays.copyOfRange(header, 12, 28)) + " is not Intel's "
          + Hex.encode(INTEL_QE_VENDOR_ID));
    }
  }

  /** Checks TD_ATTRIBUTES, XFAM and SEAM attributes of the TD report body. */
  static void checkReport(TdReport report) throws TdxException {
    long attributes = le64(report.tdAttributes());
    long reserved = attributes & ~TdAttributes.DEFINED;
    if (reserved != 0) {
      throw malformed("tdx.quote.td-attributes", "TD_ATTRIBUTES has reserved "
          + bits(reserved) + " set (" + tdxHex(attributes) + ")");
    }
    checkXfam(le64(report.xfam()));
    long seam = le64(report.seamAttributes());
    if (seam != 0) {
      throw malformed("tdx.quote.seam-attributes", "SEAM attributes must be zero for TDX 1.x, "
          + "have " + bits(seam) + " set (" + tdxHex(seam) + ")");
    }
  }

  static void checkXfam(long xfam) throws TdxException {
    String check = "tdx.quote.xfam";
    if ((xfam & XFAM_FIXED1) != XFAM_FIXED1) {
      throw malformed(check, "XFAM must have bits 0 (x87) and 1 (SSE) set (" + tdxHex(xfam) + ")");
    }
    long reserved = xfam & ~XFAM_FIXED0;
    if (reserved != 0) {
      throw malformed(check, "XFAM has " + bits(reserved)
          + " set, which the TDX module never allows (" + tdxHex(xfam) + ")");
    }
    allOrNone(xfam, XFAM_AVX512, "AVX-512 (bits 5-7)");
    allOrNone(xfam, XFAM_CET, "CET (bits 11-12)");
    allOrNone(xfam, XFAM_AMX, "AMX (bits 17-18)");
    if ((xfam & XFAM_AVX512) != 0 && (xfam & XFAM_AVX) == 0) {
      throw malformed(check, "XFAM enables AVX-512 without AVX (bit 2) (" + tdxHex(xfam) + ")");
    }
  }

  private static void allOrNone(long xfam, long group, String what) throws TdxException {
    long set = xfam & group;
    if (set != 0 && set != group) {
      throw malformed("tdx.quote.xfam", "XFAM must set all or none of the " + what
          + " components (" + tdxHex(xfam) + ")");
    }
  }

  static long le64(byte[] field) {
    return TdAttributes.le64(field);
  }

  private static String bits(long mask) {
    List<String> names = new ArrayList<>();
    for (int bit = 0; bit < 64; bit++) {
      if ((mask >>> bit & 1) != 0) {
        names.add(Integer.toString(bit));
      }
    }
    return (names.size() == 1 ? "bit " : "bits ") + String.join(", ", names);
  }

  private static String tdxHex(long value) {
    return String.format(Locale.ROOT, "0x%016x", value);
  }

  private static TdxException malformed(String check, String message) {
    return new TdxException(MALFORMED, check, message);
  }
}
