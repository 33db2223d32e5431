package dev.castellan.core.signature;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.internal.signature.Ed25519Math;
import dev.castellan.core.internal.signature.Pem;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * An Ed25519 public key (RFC 8032 section 5.1.5): the 32-byte encoding of a point.
 *
 * <p>Construction MUST fail for anything that is not a canonical encoding of a point in the
 * prime-order subgroup, so a verifier can never be built over a small-order key. Instances are
 * immutable and compare by their encoding.
 */
public final class Ed25519PublicKey {
  /** Length of the encoded key in bytes. */
  public static final int LENGTH = Ed25519Math.PUBLIC_KEY_LENGTH;

  private final byte[] encoded;

  private Ed25519PublicKey(byte[] encoded) {
    this.encoded = encoded;
  }

  /**
   * Parses the 32-byte RFC 8032 encoding.
   *
   * @throws GeneralSecurityException if the length is wrong or the bytes are not a valid point
   */
  public static Ed25519PublicKey fromBytes(byte[] encoded) throws GeneralSecurityException {
    byte[] copy = encoded.clone();
    Ed25519Math.decodePublicKey(copy);
    return new Ed25519PublicKey(copy);
  }

  /** Parses an RFC 8410 SubjectPublicKeyInfo (DER), the form {@code openssl pkey -pubout} writes. */
  public static Ed25519PublicKey fromSpkiDer(byte[] der) throws GeneralSecurityException {
    return fromBytes(Ed25519Math.fromSpkiDer(der));
  }

  /** Built from a key derived from a private key: already valid, so no validation cost. */
  static Ed25519PublicKey trusted(byte[] encoded) {
    return new Ed25519PublicKey(encoded);
  }

  /** A copy of the 32-byte encoding. */
  public byte[] toBytes() {
    return encoded.clone();
  }

  /** The RFC 8410 SubjectPublicKeyInfo in DER (44 bytes). */
  public byte[] toSpkiDer() {
    return Ed25519Math.toSpkiDer(encoded);
  }

  /** {@link #toSpkiDer()} as a PEM {@code PUBLIC KEY} block, for {@code openssl -pubin}. */
  public String toPem() {
    return Pem.encode("PUBLIC KEY", toSpkiDer());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + Hex.encode(encoded) + "]";
  }
}
