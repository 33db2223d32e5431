package dev.castellan.core.signature;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.internal.signature.EcMath;
import dev.castellan.core.internal.signature.EcdsaDer;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;

/**
 * An ECDSA private key on {@link EcdsaCurve P-256 or P-384}: the scalar {@code d}, with
 * {@code 1 <= d < n}, held as a fixed-length big-endian {@link SecretBytes}, and its public key.
 *
 * <p>The scalar MUST NOT appear in {@code toString}, exceptions or logs; it leaves only through
 * {@link #scalar()}. Instances are immutable.
 */
public final class EcdsaPrivateKey {
  private final EcdsaCurve curve;
  private final SecretBytes scalar;
  private final EcdsaPublicKey publicKey;

  private EcdsaPrivateKey(EcdsaCurve curve, SecretBytes scalar, EcdsaPublicKey publicKey) {
    this.curve = curve;
    this.scalar = scalar;
    this.publicKey = publicKey;
  }

  /**
   * The key with scalar {@code d} (big-endian, exactly {@link EcdsaCurve#scalarLength()} bytes).
   *
   * @throws InvalidKeyException if the length is wrong or {@code d} is not in [1, n)
   */
  public static EcdsaPrivateKey fromScalar(EcdsaCurve curve, SecretBytes scalar)
      throws InvalidKeyException {
    if (scalar.size() != curve.scalarLength()) {
      throw new InvalidKeyException(
          curve.nistName() + " scalar must be " + curve.scalarLength() + " bytes, got " + scalar.size());
    }
    byte[] raw = scalar.toByteArray();
    try {
      return of(curve, new BigInteger(1, raw));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Converts a JCA key; its parameters MUST be exactly those of P-256 or P-384. */
  public static EcdsaPrivateKey fromJca(ECPrivateKey key) throws GeneralSecurityException {
    return of(EcdsaCurve.fromJca(key.getParams()), key.getS());
  }

  /** A new key with a scalar drawn uniformly from [1, n) with {@code random}. */
  public static EcdsaPrivateKey generate(EcdsaCurve curve, SecureRandom random) {
    try {
      return of(curve, EcMath.randomScalar(curve.domain(), random));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("a scalar in [1, n) was refused", e);
    }
  }

  private static EcdsaPrivateKey of(EcdsaCurve curve, BigInteger d) throws InvalidKeyException {
    if (!EcMath.isValidScalar(curve.domain(), d)) {
      throw new InvalidKeyException(curve.nistName() + " scalar is not in [1, n)");
    }
    byte[] fixed = new byte[curve.scalarLength()];
    EcdsaDer.putFixed(d, fixed, 0, fixed.length);
    EcdsaPublicKey publicKey =
        EcdsaPublicKey.trusted(curve, EcMath.multiplyGenerator(curve.domain(), d));
    try {
      return new EcdsaPrivateKey(curve, SecretBytes.copyOf(fixed), publicKey);
    } finally {
      Arrays.fill(fixed, (byte) 0);
    }
  }

  public EcdsaCurve curve() {
    return curve;
  }

  /** The secret scalar, big-endian, {@link EcdsaCurve#scalarLength()} bytes. */
  public SecretBytes scalar() {
    return scalar;
  }

  public EcdsaPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "EcdsaPrivateKey[" + curve.nistName() + ", public=" + publicKey + ", scalar redacted]";
  }
}
