package dev.castellan.core.internal.vrf;

import static dev.castellan.core.internal.vrf.EcvrfCipherSuite.C_LEN;
import static dev.castellan.core.bytes.Bytes.concat;
import static dev.castellan.core.internal.vrf.EcvrfCipherSuite.slice;

import dev.castellan.core.bytes.ConstantTime;
import dev.castellan.core.vrf.VrfException;
import java.math.BigInteger;
import java.util.Locale;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The generic ECVRF algorithm of RFC 9381 §5 (draft-irtf-cfrg-vrf-15 and later), written once over
 * an {@link EcvrfCipherSuite}: prove (§5.1), proof_to_hash (§5.2), verify (§5.3), encode_to_curve
 * (§5.4.1), challenge generation (§5.4.3), decode_proof (§5.4.4) and validate_key (§5.4.5).
 */
public final class EcvrfEngine {
  private static final byte ENCODE_TO_CURVE_DOMAIN_SEPARATOR_FRONT = 0x01;
  private static final byte CHALLENGE_GENERATION_DOMAIN_SEPARATOR_FRONT = 0x02;
  private static final byte PROOF_TO_HASH_DOMAIN_SEPARATOR_FRONT = 0x03;
  private static final byte DOMAIN_SEPARATOR_BACK = 0x00;

  private EcvrfEngine() {}

  /** A decoded public key: its canonical string and its point. */
  public record PublicPoint(byte[] string, ECPoint point) {}

  /**
   * ECVRF_validate_key (§5.4.5): decodes {@code pkString} strictly and rejects points whose
   * cofactor multiple is the identity (small-order keys, which would make proofs forgeable).
   */
  public static PublicPoint validateKey(EcvrfCipherSuite suite, byte[] pkString)
      throws VrfException {
    ECPoint y = suite.stringToPoint(pkString);
    if (y == null) {
      throw new VrfException("public key is not a valid point encoding for this suite");
    }
    if (suite.multiplyByCofactor(y).isInfinity()) {
      throw new VrfException("public key has small order");
    }
    return new PublicPoint(pkString.clone(), y);
  }

  /** True when {@code sk} is a well-formed secret key for {@code suite}. */
  public static boolean isValidSecretKey(EcvrfCipherSuite suite, byte[] sk) {
    return suite.isValidSecretKey(sk);
  }

  /** The public key string of the (already validated) secret key {@code sk}: x·B encoded. */
  public static byte[] publicKeyString(EcvrfCipherSuite suite, byte[] sk) {
    return suite.pointToString(suite.multiplyBaseSecret(suite.secretScalar(sk)));
  }

  /** ECVRF_prove (§5.1): pi = point_to_string(Gamma) || c || s. */
  public static byte[] prove(EcvrfCipherSuite suite, byte[] sk, byte[] pkString, byte[] alpha)
      throws VrfException {
    BigInteger x = suite.secretScalar(sk);
    ECPoint h = encodeToCurve(suite, pkString, alpha);
    byte[] hString = suite.pointToString(h);
    ECPoint gamma = suite.multiplySecret(h, x);
    BigInteger k = suite.nonce(sk, hString);
    ECPoint u = suite.multiplyBaseSecret(k);
    ECPoint v = suite.multiplySecret(h, k);
    byte[] gammaString = suite.pointToString(gamma);
    byte[] cString = challenge(suite, pkString, hString, gammaString, u, v);
    BigInteger c = suite.stringToInt(cString);
    BigInteger s = k.add(c.multiply(x)).mod(suite.order());
    return concat(gammaString, cString, suite.intToString(s, suite.qLen()));
  }

  /** ECVRF_verify (§5.3): beta when pi is valid for (pk, alpha), else VrfException. */
  public static byte[] verify(EcvrfCipherSuite suite, PublicPoint pk, byte[] pi, byte[] alpha)
      throws VrfException {
    Proof proof = decodeProof(suite, pi);
    ECPoint h = encodeToCurve(suite, pk.string(), alpha);
    // U = s·B − c·Y and V = s·H − c·Gamma. c < 2^128 < q is used as is (never as q − c), so
    // the result is exact even if Y or Gamma carries a small-order component.
    ECPoint u =
        ECAlgorithms.sumOfTwoMultiplies(suite.generator(), proof.s, pk.point().negate(), proof.c);
    ECPoint v = ECAlgorithms.sumOfTwoMultiplies(h, proof.s, proof.gamma.negate(), proof.c);
    byte[] expected =
        challenge(
            suite,
            pk.string(),
            suite.pointToString(h),
            suite.pointToString(proof.gamma),
            u.normalize(),
            v.normalize());
    if (!ConstantTime.equals(expected, proof.cString)) {
      throw new VrfException("ECVRF proof does not verify");
    }
    return gammaToHash(suite, proof.gamma);
  }

  /** ECVRF_proof_to_hash (§5.2): decodes pi strictly, then hashes cofactor·Gamma. */
  public static byte[] proofToHash(EcvrfCipherSuite suite, byte[] pi) throws VrfException {
    return gammaToHash(suite, decodeProof(suite, pi).gamma);
  }

  private static byte[] gammaToHash(EcvrfCipherSuite suite, ECPoint gamma) {
    return suite
        .hash()
        .hash(
            new byte[] {suite.suiteString(), PROOF_TO_HASH_DOMAIN_SEPARATOR_FRONT},
            suite.pointToString(suite.multiplyByCofactor(gamma)),
            new byte[] {DOMAIN_SEPARATOR_BACK});
  }

  private record Proof(ECPoint gamma, byte[] cString, BigInteger c, BigInteger s) {}

  /** ECVRF_decode_proof (§5.4.4), strict: exact length, valid Gamma, s &lt; q. */
  private static Proof decodeProof(EcvrfCipherSuite suite, byte[] pi) throws VrfException {
    if (pi.length != suite.proofLength()) {
      throw new VrfException(
          String.format(
              Locale.ROOT,
              "ECVRF proof must be %d octets, got %d",
              suite.proofLength(),
              pi.length));
    }
    int ptLen = suite.ptLen();
    ECPoint gamma = suite.stringToPoint(slice(pi, 0, ptLen));
    if (gamma == null) {
      throw new VrfException("ECVRF proof: Gamma is not a valid point encoding");
    }
    byte[] cString = slice(pi, ptLen, ptLen + C_LEN);
    BigInteger s = suite.stringToInt(slice(pi, ptLen + C_LEN, pi.length));
    if (s.compareTo(suite.order()) >= 0) {
      throw new VrfException("ECVRF proof: s is not below the group order");
    }
    return new Proof(gamma, cString, suite.stringToInt(cString), s);
  }

  /** ECVRF_encode_to_curve (§5.4.1) with encode_to_curve_salt = PK_string. */
  static ECPoint encodeToCurve(EcvrfCipherSuite suite, byte[] salt, byte[] alpha)
      throws VrfException {
    return suite.h2cSuiteId() == null
        ? encodeToCurveTryAndIncrement(suite, salt, alpha)
        : encodeToCurveH2c(suite, salt, alpha);
  }

  /**
   * ECVRF_encode_to_curve_try_and_increment (§5.4.1.1). Each attempt succeeds with probability
   * about 1/2, so 256 failures (probability 2^−256) cannot happen in practice; the loop is bounded
   * by the one-octet counter anyway.
   */
  private static ECPoint encodeToCurveTryAndIncrement(
      EcvrfCipherSuite suite, byte[] salt, byte[] alpha) throws VrfException {
    byte[] prefix = {suite.suiteString(), ENCODE_TO_CURVE_DOMAIN_SEPARATOR_FRONT};
    for (int ctr = 0; ctr < 256; ctr++) {
      byte[] hashString =
          suite.hash().hash(prefix, salt, alpha, new byte[] {(byte) ctr, DOMAIN_SEPARATOR_BACK});
      ECPoint h = suite.interpretHashValueAsPoint(hashString);
      if (h != null) {
        return suite.multiplyByCofactor(h);
      }
    }
    throw new VrfException("encode_to_curve found no point in 256 attempts");
  }

  /**
   * ECVRF_encode_to_curve_h2c_suite (§5.4.1.2): RFC 9380 encode_to_curve of salt || alpha, that is
   * clear_cofactor(map_to_curve(hash_to_field(msg, 1))), with DST = "ECVRF_" || h2c_suite_ID_string
   * || suite_string.
   */
  private static ECPoint encodeToCurveH2c(EcvrfCipherSuite suite, byte[] salt, byte[] alpha) {
    byte[] dst = HashToCurve.domainSeparationTag(suite.h2cSuiteId(), suite.suiteString());
    BigInteger u =
        HashToCurve.hashToField(suite.hash(), concat(salt, alpha), dst, suite.fieldPrime());
    return suite.multiplyByCofactor(suite.mapToCurve(u));
  }

  /** ECVRF_challenge_generation (§5.4.3): the first cLen octets of the hash, as a string. */
  private static byte[] challenge(
      EcvrfCipherSuite suite, byte[] y, byte[] h, byte[] gamma, ECPoint u, ECPoint v) {
    byte[] digest =
        suite
            .hash()
            .hash(
                new byte[] {suite.suiteString(), CHALLENGE_GENERATION_DOMAIN_SEPARATOR_FRONT},
                y,
                h,
                gamma,
                suite.pointToString(u),
                suite.pointToString(v),
                new byte[] {DOMAIN_SEPARATOR_BACK});
    return slice(digest, 0, C_LEN);
  }
}
