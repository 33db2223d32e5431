package dev.castellan.core.internal.signature;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.SignatureException;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BIP-340 Schnorr signatures over secp256k1, written from the specification
 * (github.com/bitcoin/bips, bip-0340.mediawiki, "Default Signing" and "Verification") on
 * BouncyCastle's curve arithmetic.
 *
 * <p>Side channels: the nonce point {@code k'G} uses BouncyCastle's fixed-point comb, which
 * does not branch on the scalar; the scalar arithmetic mod n uses {@link BigInteger}, which is
 * not guaranteed constant-time (the same is true of BouncyCastle's own ECDSA). Where timing
 * attacks on the host matter, the native libsecp256k1 path is preferred when available.
 */
public final class Bip340Math {
  public static final ECDomainParameters SECP256K1 = EcMath.domain("secp256k1");
  private static final BigInteger N = SECP256K1.getN();
  private static final BigInteger P = SECP256K1.getCurve().getField().getCharacteristic();

  private Bip340Math() {}

  /** The signing state for one key: {@code d} adjusted so that {@code dG} has even y. */
  public record SigningKey(BigInteger d, byte[] publicKey) {}

  /** Prepares {@code d'} (already checked to be in [1, n)) for signing. */
  public static SigningKey signingKey(BigInteger secret) {
    ECPoint point = EcMath.multiplyGenerator(SECP256K1, secret);
    BigInteger d = hasEvenY(point) ? secret : N.subtract(secret);
    return new SigningKey(d, xBytes(point));
  }

  /** The x-only public key {@code bytes(dG)} of a secret scalar. */
  public static byte[] xOnlyPublicKey(BigInteger secret) {
    return xBytes(EcMath.multiplyGenerator(SECP256K1, secret));
  }

  /** BIP-340 default signing of {@code message} (any length) with 32 bytes of {@code auxRand}. */
  public static byte[] sign(SigningKey key, byte[] message, byte[] auxRand) {
    if (auxRand.length != 32) {
      throw new IllegalArgumentException("aux_rand must be 32 bytes, got " + auxRand.length);
    }
    byte[] t = TaggedHash.AUX.hash(auxRand);
    byte[] dBytes = bytes32(key.d());
    for (int i = 0; i < 32; i++) {
      t[i] ^= dBytes[i];
    }
    java.util.Arrays.fill(dBytes, (byte) 0);
    BigInteger kPrime = new BigInteger(1, TaggedHash.NONCE.hash(t, key.publicKey(), message)).mod(N);
    java.util.Arrays.fill(t, (byte) 0);
    if (kPrime.signum() == 0) {
      // Probability about 2^-256; BIP-340 says fail rather than retry.
      throw new IllegalStateException("BIP-340 nonce is zero");
    }
    ECPoint r = EcMath.multiplyGenerator(SECP256K1, kPrime);
    BigInteger k = hasEvenY(r) ? kPrime : N.subtract(kPrime);
    byte[] rBytes = xBytes(r);
    BigInteger e = challenge(rBytes, key.publicKey(), message);
    byte[] signature = new byte[64];
    System.arraycopy(rBytes, 0, signature, 0, 32);
    EcdsaDer.putFixed(k.add(e.multiply(key.d())).mod(N), signature, 32, 32);
    return signature;
  }

  /** {@code lift_x}: the point with x-coordinate {@code x} and even y; fails if none exists. */
  public static ECPoint liftX(byte[] xOnly) throws InvalidKeyException {
    if (xOnly.length != 32) {
      throw new InvalidKeyException("BIP-340 public key must be 32 bytes, got " + xOnly.length);
    }
    BigInteger x = new BigInteger(1, xOnly);
    if (x.compareTo(P) >= 0) {
      throw new InvalidKeyException("BIP-340 public key is not below the field size");
    }
    ECCurve curve = SECP256K1.getCurve();
    ECFieldElement fx = curve.fromBigInteger(x);
    ECFieldElement c = fx.square().multiply(fx).add(curve.getB()); // y^2 = x^3 + 7
    ECFieldElement y = c.sqrt();
    if (y == null) {
      throw new InvalidKeyException("BIP-340 public key is not on the curve");
    }
    if (y.testBitZero()) {
      y = y.negate();
    }
    return curve.createPoint(x, y.toBigInteger());
  }

  /** BIP-340 verification against a lifted public key. */
  public static void verify(ECPoint publicPoint, byte[] publicKey, byte[] signature, byte[] message)
      throws SignatureException {
    if (signature.length != 64) {
      throw new SignatureException("BIP-340 signature must be 64 bytes, got " + signature.length);
    }
    BigInteger r = new BigInteger(1, signature, 0, 32);
    BigInteger s = new BigInteger(1, signature, 32, 32);
    if (r.compareTo(P) >= 0 || s.compareTo(N) >= 0) {
      throw new SignatureException("BIP-340 signature has r >= p or s >= n");
    }
    BigInteger e = challenge(java.util.Arrays.copyOf(signature, 32), publicKey, message);
    ECPoint point =
        ECAlgorithms.sumOfTwoMultiplies(SECP256K1.getG(), s, publicPoint, N.subtract(e)).normalize();
    if (point.isInfinity() || !hasEvenY(point) || !point.getAffineXCoord().toBigInteger().equals(r)) {
      throw new SignatureException("BIP-340 signature is invalid");
    }
  }

  private static BigInteger challenge(byte[] r, byte[] publicKey, byte[] message) {
    return new BigInteger(1, TaggedHash.CHALLENGE.hash(r, publicKey, message)).mod(N);
  }

  private static boolean hasEvenY(ECPoint normalized) {
    return !normalized.getAffineYCoord().testBitZero();
  }

  private static byte[] xBytes(ECPoint normalized) {
    return normalized.getAffineXCoord().getEncoded();
  }

  private static byte[] bytes32(BigInteger value) {
    byte[] out = new byte[32];
    EcdsaDer.putFixed(value, out, 0, 32);
    return out;
  }
}
