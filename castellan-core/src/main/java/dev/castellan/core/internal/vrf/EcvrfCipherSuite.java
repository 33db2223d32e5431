package dev.castellan.core.internal.vrf;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.vrf.EcvrfSuite;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECConstantTimeMultiplier;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The suite-specific functions of an ECVRF cipher suite (RFC 9381 §5.5): the group, the point and
 * integer codecs, the hash, {@code interpret_hash_value_as_a_point} and the nonce. The generic
 * algorithm ({@link EcvrfEngine}) works on BouncyCastle {@link ECPoint}s only through these
 * functions.
 *
 * <p>Secret scalars are multiplied with BouncyCastle's {@link ECConstantTimeMultiplier} (a regular
 * signed-window ladder with cache-safe table lookups) or, for the base point, its fixed-point comb
 * (also with cache-safe lookups). Scalar arithmetic modulo q ({@code s = k + c·x}) uses {@link
 * BigInteger}, which is not constant-time; BouncyCastle's own ECDSA has the same limitation.
 */
public abstract sealed class EcvrfCipherSuite permits P256Sha256, Edwards25519Sha512 {
  /** cLen of RFC 9381: every suite here truncates the challenge to 16 octets. */
  static final int C_LEN = 16;

  private final byte suiteString;
  private final String h2cSuiteId;
  private final HashAlgorithm hash;
  private final ECCurve curve;
  private final ECPoint generator;
  private final BigInteger order;
  private final int cofactorLog2;
  private final int ptLen;
  private final int qLen;
  private final ECMultiplier secretMultiplier;
  private final ECMultiplier baseMultiplier = new FixedPointCombMultiplier();

  EcvrfCipherSuite(
      int suiteString,
      String h2cSuiteId,
      HashAlgorithm hash,
      ECPoint generator,
      int cofactorLog2,
      int ptLen) {
    this.suiteString = (byte) suiteString;
    this.h2cSuiteId = h2cSuiteId;
    this.hash = hash;
    this.curve = generator.getCurve();
    this.generator = generator;
    this.order = curve.getOrder();
    this.cofactorLog2 = cofactorLog2;
    this.ptLen = ptLen;
    this.qLen = (order.bitLength() + 7) / 8;
    this.secretMultiplier = new ECConstantTimeMultiplier(order);
  }

  /** The implementation of the public {@code suite}. */
  public static EcvrfCipherSuite of(EcvrfSuite suite) {
    return switch (suite) {
      case P256_SHA256_TAI -> P256Sha256.TAI;
      case P256_SHA256_SSWU -> P256Sha256.SSWU;
      case EDWARDS25519_SHA512_TAI -> Edwards25519Sha512.TAI;
      case EDWARDS25519_SHA512_ELL2 -> Edwards25519Sha512.ELL2;
    };
  }

  /** point_to_string: the canonical encoding of {@code point}, {@link #ptLen()} octets. */
  abstract byte[] pointToString(ECPoint point);

  /**
   * string_to_point, strict: returns {@code null} (the RFC's "INVALID") for a wrong length, a
   * non-canonical encoding or a string that is not a point on the curve.
   */
  abstract ECPoint stringToPoint(byte[] string);

  /**
   * interpret_hash_value_as_a_point (RFC 9381 §5.5) of the try-and-increment suites, or {@code
   * null} when the string is no point.
   */
  abstract ECPoint interpretHashValueAsPoint(byte[] hashValue);

  /** map_to_curve of the suite's RFC 9380 h2c suite (before clear_cofactor). */
  abstract ECPoint mapToCurve(BigInteger u);

  /**
   * The RFC 9380 suite ID (e.g. {@code P256_XMD:SHA-256_SSWU_NU_}) when encode_to_curve is the h2c
   * encoding (§5.4.1.2), or {@code null} for try-and-increment (§5.4.1.1).
   */
  String h2cSuiteId() {
    return h2cSuiteId;
  }

  /** The characteristic p of the base field. */
  BigInteger fieldPrime() {
    return curve.getField().getCharacteristic();
  }

  /** The secret scalar x for the secret key {@code sk} (already validated), reduced mod q. */
  abstract BigInteger secretScalar(byte[] sk);

  /** ECVRF_nonce_generation (RFC 9381 §5.4.2) for {@code sk} and {@code hString}. */
  abstract BigInteger nonce(byte[] sk, byte[] hString);

  /** Checks the length and range of a secret key; true when it is acceptable. */
  abstract boolean isValidSecretKey(byte[] sk);

  /** True when integers are little-endian strings in this suite (edwards25519). */
  abstract boolean littleEndian();

  BigInteger stringToInt(byte[] string) {
    byte[] bigEndian = string.clone();
    if (littleEndian()) {
      reverse(bigEndian);
    }
    return new BigInteger(1, bigEndian);
  }

  byte[] intToString(BigInteger value, int length) {
    byte[] magnitude = value.toByteArray();
    int skip = magnitude.length > length ? magnitude.length - length : 0;
    for (int i = 0; i < skip; i++) {
      if (magnitude[i] != 0) {
        throw new IllegalArgumentException("integer does not fit in " + length + " octets");
      }
    }
    byte[] out = new byte[length];
    int copied = magnitude.length - skip;
    System.arraycopy(magnitude, skip, out, length - copied, copied);
    if (littleEndian()) {
      reverse(out);
    }
    return out;
  }

  /**
   * scalar·point for a secret scalar in [0, q). The point MUST lie in the prime-order subgroup
   * (here: H after cofactor clearing): the constant-time multiplier recodes the scalar with
   * multiples of q, which is exact only there.
   */
  ECPoint multiplySecret(ECPoint point, BigInteger scalar) {
    return secretMultiplier.multiply(point, scalar).normalize();
  }

  /** scalar·B for a secret scalar in [0, q). */
  ECPoint multiplyBaseSecret(BigInteger scalar) {
    return baseMultiplier.multiply(generator, scalar).normalize();
  }

  ECPoint multiplyByCofactor(ECPoint point) {
    return point.timesPow2(cofactorLog2).normalize();
  }

  public byte suiteString() {
    return suiteString;
  }

  HashAlgorithm hash() {
    return hash;
  }

  ECCurve curve() {
    return curve;
  }

  ECPoint generator() {
    return generator;
  }

  BigInteger order() {
    return order;
  }

  public int ptLen() {
    return ptLen;
  }

  public int qLen() {
    return qLen;
  }

  /** Proof length: ptLen + cLen + qLen. */
  public int proofLength() {
    return ptLen + C_LEN + qLen;
  }

  static void reverse(byte[] bytes) {
    for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
      byte t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
  }


  static byte[] slice(byte[] bytes, int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }
}
