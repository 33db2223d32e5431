package dev.castellan.keys.pkcs11.internal;

import dev.castellan.keys.pkcs11.Pkcs11Exception;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * CKM_ECDSA's output, {@code r || s} (PKCS#11 v2.40 mechanisms section 2.3.1), as the DER the
 * log's records carry ({@code SEQUENCE {r INTEGER, s INTEGER}}, RFC 3279 section 2.2.3), with
 * {@code s} in the lower half of the group: {@code (r, s)} and {@code (r, n - s)} are both
 * valid, and a record must have one signature only (canonical ECDSA, as issue 16 requires).
 */
public final class EcdsaSignatures {
  /** The order of the P-256 group (FIPS 186-5, SP 800-186 section 3.2.1.3). */
  static final BigInteger P256_ORDER =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
  private static final BigInteger HALF_ORDER = P256_ORDER.shiftRight(1);

  private EcdsaSignatures() {}

  /** {@code r || s} of 64 bytes into low-S DER; a value outside [1, n) is the token's fault. */
  public static byte[] p256LowSDer(byte[] rs) throws Pkcs11Exception {
    if (rs.length != 64) {
      throw new Pkcs11Exception("the token returned a P-256 signature of " + rs.length + " bytes, not 64");
    }
    BigInteger r = new BigInteger(1, rs, 0, 32);
    BigInteger s = new BigInteger(1, rs, 32, 32);
    if (r.signum() == 0 || s.signum() == 0 || r.compareTo(P256_ORDER) >= 0 || s.compareTo(P256_ORDER) >= 0) {
      throw new Pkcs11Exception("the token returned an invalid ECDSA signature");
    }
    if (s.compareTo(HALF_ORDER) > 0) {
      s = P256_ORDER.subtract(s);
    }
    byte[] rBytes = r.toByteArray(); // minimal two's complement: a leading 0 only when the top bit is set
    byte[] sBytes = s.toByteArray();
    ByteArrayOutputStream der = new ByteArrayOutputStream(72);
    der.write(0x30);
    der.write(2 + rBytes.length + 2 + sBytes.length); // at most 70: short-form length
    der.write(0x02);
    der.write(rBytes.length);
    der.writeBytes(rBytes);
    der.write(0x02);
    der.write(sBytes.length);
    der.writeBytes(sBytes);
    return der.toByteArray();
  }

  /** Whether {@code s} is at most n/2 (for tests and callers that check canonical form). */
  public static boolean isLowS(BigInteger s) {
    return s.compareTo(HALF_ORDER) <= 0;
  }
}
