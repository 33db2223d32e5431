package dev.castellan.core.signature;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.internal.signature.EcMath;
import dev.castellan.core.internal.signature.Pem;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An ECDSA public key on {@link EcdsaCurve P-256 or P-384}.
 *
 * <p>Every factory MUST validate the point: on the curve, not the point at infinity,
 * coordinates below p (SEC 1 v2 section 3.2.2.1; the cofactor is 1, so this is full
 * validation). Instances are immutable and compare by curve and point.
 */
public final class EcdsaPublicKey {
  private final EcdsaCurve curve;
  private final ECPoint point;

  private EcdsaPublicKey(EcdsaCurve curve, ECPoint point) {
    this.curve = curve;
    this.point = point;
  }

  /** Parses a SEC1 point, uncompressed ({@code 04 || X || Y}) or compressed ({@code 02/03 || X}). */
  public static EcdsaPublicKey fromSec1(EcdsaCurve curve, byte[] encoded)
      throws GeneralSecurityException {
    return new EcdsaPublicKey(curve, EcMath.decodePoint(curve.domain(), encoded));
  }

  /** Converts a JCA key; its parameters MUST be exactly those of P-256 or P-384. */
  public static EcdsaPublicKey fromJca(ECPublicKey key) throws GeneralSecurityException {
    EcdsaCurve curve = EcdsaCurve.fromJca(key.getParams());
    java.security.spec.ECPoint w = key.getW();
    if (w == java.security.spec.ECPoint.POINT_INFINITY) {
      throw new InvalidKeyException("EC public key is the point at infinity");
    }
    return new EcdsaPublicKey(
        curve, EcMath.point(curve.domain(), w.getAffineX(), w.getAffineY()));
  }

  /**
   * Parses a SubjectPublicKeyInfo (RFC 5480) with a named curve and an uncompressed point, the
   * form {@code openssl pkey -pubout -outform DER} writes. Only that canonical DER is accepted.
   */
  public static EcdsaPublicKey fromSpkiDer(byte[] der) throws GeneralSecurityException {
    EcdsaPublicKey key;
    try {
      key = fromJca((ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new InvalidKeyException("not an EC SubjectPublicKeyInfo", null);
    }
    if (!Arrays.equals(der, key.toSpkiDer())) {
      throw new InvalidKeyException("EC SubjectPublicKeyInfo is not in canonical DER");
    }
    return key;
  }

  static EcdsaPublicKey trusted(EcdsaCurve curve, ECPoint point) {
    return new EcdsaPublicKey(curve, point);
  }

  public EcdsaCurve curve() {
    return curve;
  }

  ECPoint point() {
    return point;
  }

  /** SEC1 uncompressed: {@code 04 || X || Y} (65 bytes on P-256, 97 on P-384). */
  public byte[] toSec1Uncompressed() {
    return point.getEncoded(false);
  }

  /** SEC1 compressed: {@code 02/03 || X} (33 bytes on P-256, 49 on P-384). */
  public byte[] toSec1Compressed() {
    return point.getEncoded(true);
  }

  /** This key as a JCA {@link ECPublicKey} (SunEC). */
  public ECPublicKey toJca() {
    try {
      java.security.spec.ECPoint w =
          new java.security.spec.ECPoint(
              point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger());
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve.jcaParameters()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK refused a validated " + curve.nistName() + " key", e);
    }
  }

  /** SubjectPublicKeyInfo in DER with the named curve and the uncompressed point (RFC 5480). */
  public byte[] toSpkiDer() {
    return toJca().getEncoded();
  }

  /** {@link #toSpkiDer()} as a PEM {@code PUBLIC KEY} block, for {@code openssl -pubin}. */
  public String toPem() {
    return Pem.encode("PUBLIC KEY", toSpkiDer());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EcdsaPublicKey other && curve == other.curve && point.equals(other.point);
  }

  @Override
  public int hashCode() {
    return 31 * curve.hashCode() + Arrays.hashCode(toSec1Compressed());
  }

  @Override
  public String toString() {
    return "EcdsaPublicKey[" + curve.nistName() + ", " + Hex.encode(toSec1Compressed()) + "]";
  }
}
