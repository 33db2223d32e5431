package dev.castellan.core.internal.vrf;

import dev.castellan.core.hash.HashAlgorithm;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381 §5.5, suite_string 0x03): edwards25519, SHA-512,
 * RFC 8032 point encoding (32 octets), little-endian integers, try-and-increment
 * encode_to_curve with cofactor clearing, and RFC 8032-style nonces.
 *
 * <p>Why Weierstrass inside: BouncyCastle exposes general point arithmetic (with constant-time
 * field code and a constant-time multiplier) for curve25519 only in its short Weierstrass
 * model, the same group as edwards25519 through the birational maps of RFC 7748 §4.1. So points
 * are held in that model, and only the codec converts: Edwards (x, y) ↔ Montgomery
 * (u, v) = ((1 + y)/(1 − y), √−486664·u/x) ↔ Weierstrass (u + A/3, v). The two exceptional
 * points map explicitly: the identity (0, 1) ↔ the point at infinity, and (0, −1) ↔ (A/3, 0).
 * The conversions touch only public points (keys, H, Gamma, U, V), never secret scalars.
 */
final class Edwards25519Sha512Tai extends EcvrfCipherSuite {
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger TWO = BigInteger.TWO;
  /** Edwards d = −121665/121666. */
  private static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  /** √−1 = 2^((p−1)/4). */
  private static final BigInteger SQRT_M1 =
      TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
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

  // Declared after the constants above: static initialisers run in textual order.
  static final Edwards25519Sha512Tai INSTANCE =
      new Edwards25519Sha512Tai(CustomNamedCurves.getByName("curve25519"));

  /** The square root of −486664 that maps the Weierstrass generator to B. */
  private final BigInteger mapConstant;

  private Edwards25519Sha512Tai(X9ECParameters parameters) {
    super(0x03, HashAlgorithm.SHA_512, parameters.getG().normalize(), 3, 32);
    ECPoint g = generator();
    BigInteger u = g.getAffineXCoord().toBigInteger().subtract(A_THIRD).mod(P);
    BigInteger v = g.getAffineYCoord().toBigInteger();
    BigInteger[] base = decodeEdwards(BASE_ENCODING);
    this.mapConstant = base[0].multiply(v).multiply(u.modInverse(P)).mod(P);
    if (!mapConstant.multiply(mapConstant).mod(P).equals(BigInteger.valueOf(-486664).mod(P))
        || !parameters.getH().equals(BigInteger.valueOf(8))) {
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
    BigInteger x = xy[0];
    BigInteger y = xy[1];
    ECCurve curve = curve();
    if (y.equals(BigInteger.ONE)) {
      return curve.getInfinity(); // the identity (0, 1)
    }
    BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
    BigInteger v = x.signum() == 0 ? BigInteger.ZERO : mapConstant.multiply(u).multiply(x.modInverse(P)).mod(P);
    return curve.createPoint(u.add(A_THIRD).mod(P), v);
  }

  /**
   * RFC 8032 §5.1.3 decoding: {x, y}, or null for a wrong length, y ≥ p, no square root, or
   * x = 0 with the sign bit set.
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
