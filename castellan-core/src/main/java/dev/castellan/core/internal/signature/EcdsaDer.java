package dev.castellan.core.internal.signature;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;

/**
 * Strict DER for ECDSA signatures: {@code SEQUENCE { r INTEGER, s INTEGER }} (RFC 3279
 * section 2.2.3), and conversion to and from the fixed-width IEEE P1363 form {@code r || s}.
 *
 * <p>The parser accepts exactly one encoding per signature: definite short-form lengths (a
 * P-384 signature is at most 2 + 2 * (2 + 49) = 104 bytes, so the long form is never needed),
 * minimal positive integers, no trailing bytes. Anything else is refused,
 * so a signature cannot be re-encoded into a second valid form.
 */
public final class EcdsaDer {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;

  private EcdsaDer() {}

  /** The DER encoding of {@code (r, s)}; both MUST be positive. */
  public static byte[] encode(BigInteger r, BigInteger s) {
    byte[] rBytes = r.toByteArray(); // minimal two's complement: a leading 0 only when needed
    byte[] sBytes = s.toByteArray();
    int content = 2 + rBytes.length + 2 + sBytes.length;
    if (content > 127) {
      throw new IllegalArgumentException("ECDSA signature too long for short-form DER");
    }
    byte[] der = new byte[2 + content];
    der[0] = SEQUENCE;
    der[1] = (byte) content;
    der[2] = INTEGER;
    der[3] = (byte) rBytes.length;
    System.arraycopy(rBytes, 0, der, 4, rBytes.length);
    int at = 4 + rBytes.length;
    der[at] = INTEGER;
    der[at + 1] = (byte) sBytes.length;
    System.arraycopy(sBytes, 0, der, at + 2, sBytes.length);
    return der;
  }

  /**
   * Parses a DER signature into {@code {r, s}}, each at most {@code scalarLength} bytes of
   * magnitude.
   */
  public static BigInteger[] decode(byte[] der, int scalarLength) throws SignatureException {
    int maxInteger = scalarLength + 1;
    if (der.length < 8 || der.length > 2 + 2 * (2 + maxInteger)) {
      throw new SignatureException("DER signature has invalid length " + der.length);
    }
    if ((der[0] & 0xff) != SEQUENCE || (der[1] & 0xff) != der.length - 2) {
      throw new SignatureException("DER signature is not one short-form SEQUENCE");
    }
    int[] position = {2};
    BigInteger r = integer(der, position, maxInteger);
    BigInteger s = integer(der, position, maxInteger);
    if (position[0] != der.length) {
      throw new SignatureException("DER signature has trailing bytes");
    }
    return new BigInteger[] {r, s};
  }

  private static BigInteger integer(byte[] der, int[] position, int maxLength)
      throws SignatureException {
    int at = position[0];
    if (at + 2 > der.length || (der[at] & 0xff) != INTEGER) {
      throw new SignatureException("DER signature: expected an INTEGER");
    }
    int length = der[at + 1] & 0xff;
    if (length == 0 || length > maxLength || at + 2 + length > der.length) {
      throw new SignatureException("DER signature: INTEGER has invalid length");
    }
    int first = der[at + 2] & 0xff;
    if (first >= 0x80) {
      throw new SignatureException("DER signature: INTEGER is negative");
    }
    if (first == 0 && (length == 1 || (der[at + 3] & 0x80) == 0)) {
      throw new SignatureException("DER signature: INTEGER is not minimally encoded");
    }
    position[0] = at + 2 + length;
    return new BigInteger(1, Arrays.copyOfRange(der, at + 2, at + 2 + length));
  }

  /** {@code r || s}, each left-padded to {@code scalarLength} bytes. */
  public static byte[] toP1363(BigInteger r, BigInteger s, int scalarLength) {
    byte[] out = new byte[2 * scalarLength];
    putFixed(r, out, 0, scalarLength);
    putFixed(s, out, scalarLength, scalarLength);
    return out;
  }

  /** Splits a P1363 signature; the length MUST be exactly {@code 2 * scalarLength}. */
  public static BigInteger[] fromP1363(byte[] signature, int scalarLength)
      throws SignatureException {
    if (signature.length != 2 * scalarLength) {
      throw new SignatureException(
          "P1363 signature must be " + 2 * scalarLength + " bytes, got " + signature.length);
    }
    return new BigInteger[] {
      new BigInteger(1, signature, 0, scalarLength),
      new BigInteger(1, signature, scalarLength, scalarLength)
    };
  }

  /** Writes the unsigned big-endian value, left-padded; it MUST fit in {@code length} bytes. */
  public static void putFixed(BigInteger value, byte[] out, int offset, int length) {
    if (value.signum() < 0 || value.bitLength() > 8 * length) {
      throw new IllegalArgumentException("value does not fit in " + length + " bytes");
    }
    byte[] bytes = value.toByteArray(); // may carry one leading sign byte, dropped here
    int copied = Math.min(bytes.length, length);
    System.arraycopy(bytes, bytes.length - copied, out, offset + length - copied, copied);
  }
}
