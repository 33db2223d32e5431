package dev.castellan.core.signature;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.EcMath;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key (SEC 2 section 2.4.1) for ECDSA. Its canonical form is the 33-byte
 * compressed SEC1 point ({@code 02/03 || X}), as in Bitcoin; the 65-byte uncompressed form is
 * accepted on input. Parsing MUST refuse points off the curve, coordinates not below p and the
 * point at infinity. Immutable; compares by point.
 */
public final class Secp256k1PublicKey {
  /** Length of the canonical compressed encoding. */
  public static final int COMPRESSED_LENGTH = 33;

  private final ECPoint point;

  private Secp256k1PublicKey(ECPoint point) {
    this.point = point;
  }

  /** Parses a compressed (33-byte) or uncompressed (65-byte) SEC1 point. */
  public static Secp256k1PublicKey fromSec1(byte[] encoded) throws GeneralSecurityException {
    return new Secp256k1PublicKey(EcMath.decodePoint(Bip340Math.SECP256K1, encoded));
  }

  static Secp256k1PublicKey trusted(ECPoint point) {
    return new Secp256k1PublicKey(point);
  }

  ECPoint point() {
    return point;
  }

  /** The canonical 33-byte compressed encoding. */
  public byte[] toBytes() {
    return point.getEncoded(true);
  }

  /** The 65-byte uncompressed encoding {@code 04 || X || Y}. */
  public byte[] toSec1Uncompressed() {
    return point.getEncoded(false);
  }

  /**
   * The BIP-340 x-only key with the same x-coordinate. A BIP-340 signer for the matching
   * private key verifies under it (BIP-340 negates the secret when y is odd).
   */
  public Bip340PublicKey toBip340PublicKey() {
    return Bip340PublicKey.trusted(point.getAffineXCoord().getEncoded());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secp256k1PublicKey other && point.equals(other.point);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "Secp256k1PublicKey[" + Hex.encode(toBytes()) + "]";
  }
}
