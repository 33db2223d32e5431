package dev.castellan.core.internal.vrf;

import dev.castellan.core.hash.HashAlgorithm;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The edwards25519 suites of RFC 9381 §5.5: edwards25519, SHA-512, RFC 8032 point encoding (32
 * octets), little-endian integers, RFC 8032-style nonces and cofactor 8.
 * ECVRF-EDWARDS25519-SHA512-TAI (0x03) encodes to the curve by try-and-increment;
 * ECVRF-EDWARDS25519-SHA512-ELL2 (0x04) with RFC 9380's edwards25519_XMD:SHA-512_ELL2_NU_
 * (Elligator 2 on curve25519, §6.7.1, then the rational map of §6.8.2 / Appendix D.1).
 *
 * <p>Why Weierstrass inside: BouncyCastle exposes general point arithmetic (with constant-time
 * field code and a constant-time multiplier) for curve25519 only in its short Weierstrass model,
 * the same group as edwards25519 through the birational maps of RFC 7748 §4.1. So points are held
 * in that model, and only the codec converts: Edwards (x, y) ↔ Montgomery (u, v) = ((1 + y)/(1 −
 * y), √−486664·u/x) ↔ Weierstrass (u + A/3, v). The two exceptional points map explicitly: the
 * identity (0, 1) ↔ the point at infinity, and (0, −1) ↔ (A/3, 0). The conversions touch only
 * public points (keys, H, Gamma, U, V), never secret scalars.
 */
final class Edwards25519Sha512 extends EcvrfCipherSuite {
  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger TWO = BigInteger.TWO;

  /** Edwards d = −121665/121666. */
  private static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

  /** √−1 = 2^((p−1)/4). */
  private static final BigInteger SQRT_M1 = TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  private static final BigInteger SQRT_EXPONENT = P.subtract(BigInteger.valueOf(5)).shiftRight(3);

  /** A/3, the shift between Montgomery u and Weierstrass X. */
  private static final BigInteger A_THIRD =
      BigInteger.valueOf(486662).multiply(BigInteger.valueOf(3).modInverse(P)).mod(P);

  /** RFC 8032 encoding of the base point B (y = 4/5, x even). */
  private static final byte[] BASE_ENCODING = new byte[32];

  static {
    Arrays.fill(BASE_ENCODING, (byte) 0x66);
    BASE_ENCODING[0] = 0x58;
  }

  /** J of curve25519 (RFC 7748's A). */
  private static final BigInteger J = BigInteger.valueOf(486662);

  /** c1 = sqrt(−486664) with sgn0(c1) = 0, for RFC 9380's map to edwards25519. */
  private static final BigInteger H2C_MAP_CONSTANT =
      new BigInteger(
          "6853475219497561581579357271197624642482790079785650197046958215289687604742");

  // Declared after the constants above: static initialisers run in textual order.
  static final Edwards25519Sha512 TAI =
      new Edwards25519Sha512(0x03, null, CustomNamedCurves.getByName("curve25519"));
  static final Edwards25519Sha512 ELL2 =
      new Edwards25519Sha512(
          0x04, "edwards25519_XMD:SHA-512_ELL2_NU_", CustomNamedCurves.getByName("curve25519"));

  /**
   * The square root of −486664 that maps BouncyCastle's generator to B. It is the negation of RFC
   * 9380's c1 (BouncyCastle's generator carries the other sign of v); each map uses its own
   * constant and meets the other only through Edwards (x, y), so both are consistent.
   */
  private final BigInteger mapConstant;

  private Edwards25519Sha512(int suiteString, String h2cSuiteId, X9ECParameters parameters) {
    super(suiteString, h2cSuiteId, HashAlgorithm.SHA_512, parameters.getG().normalize(), 3, 32);
    ECPoint g = generator();
    BigInteger u = g.getAffineXCoord().toBigInteger().subtract(A_THIRD).mod(P);
    BigInteger v = g.getAffineYCoord().toBigInteger();
    BigInteger[] base = decodeEdwards(BASE_ENCODING);
    this.mapConstant = base[0].multiply(v).multiply(u.modInverse(P)).mod(P);
    if (!mapConstant.multiply(mapConstant).mod(P).equals(BigInteger.valueOf(-486664).mod(P))
        || !parameters.getH().equals(BigInteger.valueOf(8))
        || !H2C_MAP_CONSTANT
            .multiply(H2C_MAP_CONSTANT)
            .mod(P)
            .equals(BigInteger.valueOf(-486664).mod(P))) {
      throw new IllegalStateException("BouncyCastle curve25519 parameters are not as expected");
    }
  }

  @Override
  byte[] pointToString(ECPoint point) {
    ECPoint p = point.normalize();
    BigInteger x;
    BigInteger y;
    if (p.isInfinity()) {
      x = BigInteger.ZERO;
      y = BigInteger.ONE;
    } else {
      BigInteger u = p.getAffineXCoord().toBigInteger().subtract(A_THIRD).mod(P);
      BigInteger v = p.getAffineYCoord().toBigInteger();
      if (v.signum() == 0) {
        x = BigInteger.ZERO; // (u, v) = (0, 0) is the Edwards point (0, −1)
        y = P.subtract(BigInteger.ONE);
      } else {
        x = mapConstant.multiply(u).multiply(v.modInverse(P)).mod(P);
        y = u.subtract(BigInteger.ONE).multiply(u.add(BigInteger.ONE).modInverse(P)).mod(P);
      }
    }
    byte[] out = new byte[32];
    byte[] yBytes = y.toByteArray();
    for (int i = 0; i < yBytes.length && i < 32; i++) {
      out[i] = yBytes[yBytes.length - 1 - i];
    }
    out[31] |= (byte) (x.testBit(0) ? 0x80 : 0);
    return out;
  }

  @Override
  ECPoint stringToPoint(byte[] string) {
    BigInteger[] xy = decodeEdwards(string);
    if (xy == null) {
      return null;
    }
    return edwardsToWeierstrass(xy[0], xy[1]);
  }

  /** The point (x, y) of edwards25519 in BouncyCastle's Weierstrass model. */
  private ECPoint edwardsToWeierstrass(BigInteger x, BigInteger y) {
    ECCurve curve = curve();
    if (y.equals(BigInteger.ONE)) {
      return curve.getInfinity(); // the identity (0, 1)
    }
    BigInteger u =
        BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
    BigInteger v =
        x.signum() == 0
            ? BigInteger.ZERO
            : mapConstant.multiply(u).multiply(x.modInverse(P)).mod(P);
    // createPoint, not validatePoint: BouncyCastle's validation also demands prime order, which
    // would wrongly reject points with a small-order component (e.g. every TAI candidate). The
    // birational map sends points of edwards25519 to points of the curve by construction.
    return curve.createPoint(u.add(A_THIRD).mod(P), v);
  }

  /**
   * RFC 8032 §5.1.3 decoding: {x, y}, or null for a wrong length, y ≥ p, no square root, or x = 0
   * with the sign bit set.
   */
  private static BigInteger[] decodeEdwards(byte[] string) {
    if (string.length != 32) {
      return null;
    }
    byte[] bigEndian = string.clone();
    reverse(bigEndian);
    int sign = (bigEndian[0] >> 7) & 1;
    bigEndian[0] &= 0x7f;
    BigInteger y = new BigInteger(1, bigEndian);
    if (y.compareTo(P) >= 0) {
      return null;
    }
    BigInteger y2 = y.multiply(y).mod(P);
    BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
    BigInteger v3 = v.multiply(v).multiply(v).mod(P);
    BigInteger v7 = v3.multiply(v3).multiply(v).mod(P);
    BigInteger x = u.multiply(v3).multiply(u.multiply(v7).modPow(SQRT_EXPONENT, P)).mod(P);
    BigInteger vx2 = v.multiply(x).multiply(x).mod(P);
    if (!vx2.equals(u)) {
      if (vx2.equals(P.subtract(u).mod(P))) {
        x = x.multiply(SQRT_M1).mod(P);
      } else {
        return null;
      }
    }
    if (x.signum() == 0 && sign == 1) {
      return null;
    }
    if ((x.testBit(0) ? 1 : 0) != sign) {
      x = P.subtract(x);
    }
    return new BigInteger[] {x, y};
  }

  @Override
  ECPoint interpretHashValueAsPoint(byte[] hashValue) {
    // RFC 9381 §5.5: string_to_point(s[0..31]); the caller multiplies by the cofactor.
    return stringToPoint(Arrays.copyOf(hashValue, 32));
  }

  /**
   * map_to_curve_elligator2_edwards25519 (RFC 9380 §6.7.1 with J = 486662, K = 1, Z = 2, then the
   * rational map), in the RFC's straightforward form: the input is public.
   */
  @Override
  ECPoint mapToCurve(BigInteger u) {
    BigInteger minusJ = P.subtract(J);
    BigInteger x1 =
        minusJ
            .multiply(HashToCurve.inv0(BigInteger.ONE.add(TWO.multiply(u).multiply(u)).mod(P), P))
            .mod(P);
    if (x1.signum() == 0) {
      x1 = minusJ;
    }
    BigInteger s;
    BigInteger t;
    BigInteger t1 = sqrtOrNull(montgomeryRhs(x1));
    if (t1 != null) {
      s = x1;
      t = HashToCurve.sgn0(t1) ? t1 : P.subtract(t1).mod(P); // sgn0(t) = 1
    } else {
      s = minusJ.subtract(x1).mod(P);
      BigInteger t2 = sqrtOrNull(montgomeryRhs(s));
      t = HashToCurve.sgn0(t2) ? P.subtract(t2).mod(P) : t2; // sgn0(t) = 0
    }
    // (x, y) = (c1·s/t, (s − 1)/(s + 1)); the exceptional t = 0 or s = −1 maps to (0, 1).
    BigInteger sPlusOne = s.add(BigInteger.ONE).mod(P);
    if (t.signum() == 0 || sPlusOne.signum() == 0) {
      return curve().getInfinity();
    }
    BigInteger x = H2C_MAP_CONSTANT.multiply(s).multiply(t.modInverse(P)).mod(P);
    BigInteger y = s.subtract(BigInteger.ONE).multiply(sPlusOne.modInverse(P)).mod(P);
    return edwardsToWeierstrass(x, y);
  }

  /** s^3 + J·s^2 + s, the right-hand side of curve25519 (K = 1). */
  private static BigInteger montgomeryRhs(BigInteger s) {
    return s.multiply(s).add(J.multiply(s)).add(BigInteger.ONE).multiply(s).mod(P);
  }

  /** A square root of {@code a} (p = 5 mod 8, RFC 9380 Appendix I.2), or null if none. */
  private static BigInteger sqrtOrNull(BigInteger a) {
    BigInteger root = a.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!root.multiply(root).mod(P).equals(a)) {
      root = root.multiply(SQRT_M1).mod(P);
    }
    return root.multiply(root).mod(P).equals(a) ? root : null;
  }

  @Override
  boolean isValidSecretKey(byte[] sk) {
    return sk.length == 32; // any 32-octet RFC 8032 seed
  }

  @Override
  BigInteger secretScalar(byte[] sk) {
    // RFC 8032 §5.1.5: the first half of SHA-512(sk), clamped, little-endian.
    byte[] h = hash().hash(sk);
    byte[] scalar = Arrays.copyOf(h, 32);
    scalar[0] &= (byte) 248;
    scalar[31] &= 127;
    scalar[31] |= 64;
    BigInteger x = stringToInt(scalar).mod(order());
    Arrays.fill(h, (byte) 0);
    Arrays.fill(scalar, (byte) 0);
    return x;
  }

  @Override
  BigInteger nonce(byte[] sk, byte[] hString) {
    // RFC 9381 §5.4.2.2: k = int_le(Hash(Hash(sk)[32..63] || h_string)) mod q.
    byte[] h = hash().hash(sk);
    byte[] kString = hash().hash(Arrays.copyOfRange(h, 32, 64), hString);
    BigInteger k = stringToInt(kString).mod(order());
    Arrays.fill(h, (byte) 0);
    Arrays.fill(kString, (byte) 0);
    return k;
  }

  @Override
  boolean littleEndian() {
    return true;
  }
}
