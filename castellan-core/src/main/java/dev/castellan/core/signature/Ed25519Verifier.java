package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.Ed25519Math;
import java.security.GeneralSecurityException;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Pure Ed25519 verification (RFC 8032 section 5.1.7). It MUST reject a signature that is not
 * exactly 64 bytes, whose {@code S} is not below the group order {@code L} (so signatures are
 * not malleable), or whose {@code R} does not decode. Immutable and safe for concurrent use.
 */
public final class Ed25519Verifier implements PublicKeyVerify {
  private final Ed25519.PublicPoint publicPoint;

  private Ed25519Verifier(Ed25519.PublicPoint publicPoint) {
    this.publicPoint = publicPoint;
  }

  /** The point is decoded once here, not on every verification. */
  public static Ed25519Verifier create(Ed25519PublicKey publicKey) {
    try {
      return new Ed25519Verifier(Ed25519Math.decodePublicKey(publicKey.toBytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an Ed25519PublicKey is validated when built", e);
    }
  }

  @Override
  public void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
    Ed25519Math.verify(publicPoint, signature, data);
  }
}
