package dev.castellan.core.internal.hpke;

import dev.castellan.core.hpke.HpkeException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECConstantTimeMultiplier;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * NIST P-256 for DHKEM(P-256, HKDF-SHA256): private keys are 32-octet big-endian scalars in [1, n);
 * public keys are 65-octet uncompressed SEC1 points, validated on the curve (the partial public-key
 * validation of SP 800-56A that RFC 9180 §7.1.4 asks for); DH is the 32-octet x-coordinate of
 * sk·pk. Secret scalars are multiplied with BouncyCastle's constant-time multiplier (variable
 * points) and fixed-point comb (the base point).
 */
final class P256Group implements DhGroup {
  static final P256Group INSTANCE = new P256Group();

  private static final int SCALAR_LENGTH = 32;
  private static final int POINT_LENGTH = 65;

  private final X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
  private final BigInteger order = curve.getN();
  private final ECMultiplier variableBase = new ECConstantTimeMultiplier(order);
  private final ECMultiplier fixedBase = new FixedPointCombMultiplier();

  private P256Group() {}

  @Override
  public int privateKeyLength() {
    return SCALAR_LENGTH;
  }

  @Override
  public int publicKeyLength() {
    return POINT_LENGTH;
  }

  @Override
  public void validatePrivateKey(byte[] sk) throws HpkeException {
    if (!isValidScalar(sk)) {
      throw new HpkeException("P-256 private key must be 32 octets encoding a scalar in [1, n)");
    }
  }

  private boolean isValidScalar(byte[] sk) {
    if (sk.length != SCALAR_LENGTH) {
      return false;
    }
    BigInteger s = new BigInteger(1, sk);
    return s.signum() > 0 && s.compareTo(order) < 0;
  }

  @Override
  public void validatePublicKey(byte[] pk) throws HpkeException {
    decode(pk);
  }

  private ECPoint decode(byte[] pk) throws HpkeException {
    if (pk.length != POINT_LENGTH || pk[0] != 0x04) {
      throw new HpkeException(
          String.format(
              Locale.ROOT,
              "P-256 public key must be a %d-octet uncompressed point, got %d octets",
              POINT_LENGTH,
              pk.length));
    }
    try {
      // decodePoint checks that both coordinates are below p and satisfy the curve equation.
      ECPoint point = curve.getCurve().decodePoint(pk);
      if (point.isInfinity() || !point.isValid()) {
        throw new HpkeException("P-256 public key is not a point on the curve");
      }
      return point;
    } catch (IllegalArgumentException e) {
      throw new HpkeException("P-256 public key is not a point on the curve");
    }
  }

  @Override
  public byte[] publicKey(byte[] sk) {
    return fixedBase.multiply(curve.getG(), new BigInteger(1, sk)).normalize().getEncoded(false);
  }

  @Override
  public byte[] dh(byte[] sk, byte[] pk) throws HpkeException {
    ECPoint shared = variableBase.multiply(decode(pk), new BigInteger(1, sk)).normalize();
    if (shared.isInfinity()) {
      throw new HpkeException("P-256 shared point is the point at infinity");
    }
    return BigIntegers.asUnsignedByteArray(SCALAR_LENGTH, shared.getAffineXCoord().toBigInteger());
  }

  @Override
  public byte[] deriveSecret(Hkdf hkdf, byte[] suiteId, byte[] dkpPrk) throws HpkeException {
    // RFC 9180 §7.1.3: rejection sampling with a one-octet counter; bitmask 0xff for P-256.
    for (int counter = 0; counter < 256; counter++) {
      byte[] candidate =
          hkdf.labeledExpand(
              suiteId, dkpPrk, "candidate", new byte[] {(byte) counter}, SCALAR_LENGTH);
      if (isValidScalar(candidate)) {
        return candidate;
      }
      Arrays.fill(candidate, (byte) 0);
    }
    throw new HpkeException("DeriveKeyPair found no P-256 scalar in 256 candidates");
  }

  @Override
  public byte[] generateSecret(SecureRandom random) {
    byte[] sk = new byte[SCALAR_LENGTH];
    do {
      random.nextBytes(sk);
    } while (!isValidScalar(sk));
    return sk;
  }
}
