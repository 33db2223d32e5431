package dev.castellan.core.signature;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.internal.signature.Bip340Math;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A BIP-340 x-only public key: 32 bytes, the x-coordinate of a secp256k1 point whose y is
 * implicitly even ({@code lift_x}, BIP-340 "Public Key Generation"). Parsing MUST refuse an
 * x not below the field size p and an x with no point on the curve. Immutable.
 */
public final class Bip340PublicKey {
  public static final int LENGTH = 32;

  private final byte[] encoded;

  private Bip340PublicKey(byte[] encoded) {
    this.encoded = encoded;
  }

  /** Parses and validates the 32-byte x-only encoding. */
  public static Bip340PublicKey fromBytes(byte[] encoded) throws GeneralSecurityException {
    byte[] copy = encoded.clone();
    Bip340Math.liftX(copy);
    return new Bip340PublicKey(copy);
  }

  static Bip340PublicKey trusted(byte[] encoded) {
    return new Bip340PublicKey(encoded);
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return encoded.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bip340PublicKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "Bip340PublicKey[" + Hex.encode(encoded) + "]";
  }
}
