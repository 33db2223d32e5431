package dev.castellan.core.internal.vrf;

import dev.castellan.core.hash.HashAlgorithm;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECVRF-P256-SHA256-TAI (RFC 9381 §5.5, suite_string 0x01): NIST P-256, SHA-256, SEC1
 * compressed points (33 octets), big-endian integers, try-and-increment encode_to_curve and
 * RFC 6979 nonces.
 */
final class P256Sha256Tai extends EcvrfCipherSuite {
  static final P256Sha256Tai INSTANCE = new P256Sha256Tai();

  private P256Sha256Tai() {
    super(0x01, HashAlgorithm.SHA_256, CustomNamedCurves.getByName("secp256r1").getG(), 0, 33);
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
