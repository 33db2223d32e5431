package dev.castellan.core.internal.vrf;

import dev.castellan.core.hash.HashAlgorithm;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The P-256 suites of RFC 9381 §5.5: NIST P-256, SHA-256, SEC1 compressed points (33 octets),
 * big-endian integers and RFC 6979 nonces. ECVRF-P256-SHA256-TAI (0x01) encodes to the curve by
 * try-and-increment; ECVRF-P256-SHA256-SSWU (0x02) with RFC 9380's P256_XMD:SHA-256_SSWU_NU_
 * (simplified SWU, §6.6.2, Z = −10).
 */
final class P256Sha256 extends EcvrfCipherSuite {
  static final P256Sha256 TAI = new P256Sha256(0x01, null);
  static final P256Sha256 SSWU = new P256Sha256(0x02, "P256_XMD:SHA-256_SSWU_NU_");

  private final BigInteger p = fieldPrime();
  private final BigInteger a = curve().getA().toBigInteger();
  private final BigInteger b = curve().getB().toBigInteger();
  private final BigInteger z = BigInteger.valueOf(-10).mod(p);
  private final BigInteger sqrtExponent = p.add(BigInteger.ONE).shiftRight(2); // p = 3 mod 4

  private P256Sha256(int suiteString, String h2cSuiteId) {
    super(
        suiteString,
        h2cSuiteId,
        HashAlgorithm.SHA_256,
        CustomNamedCurves.getByName("secp256r1").getG(),
        0,
        33);
  }

  /**
   * map_to_curve_simple_swu (RFC 9380 §6.6.2), written as the RFC's straightforward description
   * rather than its constant-time straight-line form: the input is public (it is derived from the
   * public key and alpha), so there is nothing to hide.
   */
  @Override
  ECPoint mapToCurve(BigInteger u) {
    BigInteger u2 = u.multiply(u).mod(p);
    BigInteger zu2 = z.multiply(u2).mod(p);
    BigInteger tv1 = HashToCurve.inv0(zu2.multiply(zu2).add(zu2).mod(p), p);
    BigInteger x1 =
        tv1.signum() == 0
            ? b.multiply(z.multiply(a).modInverse(p)).mod(p)
            : b.negate().multiply(a.modInverse(p)).multiply(BigInteger.ONE.add(tv1)).mod(p);
    BigInteger gx1 = g(x1);
    BigInteger y1 = gx1.modPow(sqrtExponent, p);
    BigInteger x;
    BigInteger y;
    if (y1.multiply(y1).mod(p).equals(gx1)) {
      x = x1;
      y = y1;
    } else {
      x = zu2.multiply(x1).mod(p);
      y = g(x).modPow(sqrtExponent, p); // g(x2) = Z^3 u^6 g(x1) is square when g(x1) is not
    }
    if (HashToCurve.sgn0(u) != HashToCurve.sgn0(y)) {
      y = p.subtract(y).mod(p);
    }
    return curve().validatePoint(x, y);
  }

  /** g(x) = x^3 + A·x + B. */
  private BigInteger g(BigInteger x) {
    return x.multiply(x).add(a).multiply(x).add(b).mod(p);
  }

  @Override
  byte[] pointToString(ECPoint point) {
    return point.getEncoded(true);
  }

  @Override
  ECPoint stringToPoint(byte[] string) {
    // SEC1 §2.3.4 for the compressed form only: 33 octets, prefix 02 or 03, x < p, on the curve.
    if (string.length != ptLen() || (string[0] != 0x02 && string[0] != 0x03)) {
      return null;
    }
    try {
      return curve().decodePoint(string).normalize();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null; // x >= p, or x^3 - 3x + b has no square root
    }
  }

  @Override
  ECPoint interpretHashValueAsPoint(byte[] hashValue) {
    // RFC 9381 §5.5: string_to_point(0x02 || s), s the 32-octet hash.
    byte[] encoded = new byte[1 + hashValue.length];
    encoded[0] = 0x02;
    System.arraycopy(hashValue, 0, encoded, 1, hashValue.length);
    return stringToPoint(encoded);
  }

  @Override
  boolean isValidSecretKey(byte[] sk) {
    if (sk.length != qLen()) {
      return false;
    }
    BigInteger x = new BigInteger(1, sk);
    return x.signum() > 0 && x.compareTo(order()) < 0;
  }

  @Override
  BigInteger secretScalar(byte[] sk) {
    return new BigInteger(1, sk);
  }

  @Override
  BigInteger nonce(byte[] sk, byte[] hString) {
    // RFC 9381 §5.4.2.1: RFC 6979 §3.2 with h1 = Hash(h_string) and the HMAC over SHA-256.
    byte[] h1 = hash().hash(hString);
    HMacDSAKCalculator calculator = new HMacDSAKCalculator(new SHA256Digest());
    calculator.init(order(), secretScalar(sk), h1);
    Arrays.fill(h1, (byte) 0);
    return calculator.nextK();
  }

  @Override
  boolean littleEndian() {
    return false;
  }
}
