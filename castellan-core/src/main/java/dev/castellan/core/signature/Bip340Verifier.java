package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.Bip340Math;
import java.security.GeneralSecurityException;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BIP-340 Schnorr verification (bip-0340, "Verification"), for messages of any length. It
 * MUST reject signatures that are not 64 bytes, with {@code r >= p} or {@code s >= n} (never
 * reduced), or whose {@code R} is infinite, has odd y or a different x. Immutable and safe for
 * concurrent use.
 */
public final class Bip340Verifier implements PublicKeyVerify {
  private final byte[] publicKey;
  private final ECPoint publicPoint;

  private Bip340Verifier(byte[] publicKey, ECPoint publicPoint) {
    this.publicKey = publicKey;
    this.publicPoint = publicPoint;
  }

  public static Bip340Verifier create(Bip340PublicKey publicKey) {
    byte[] encoded = publicKey.toBytes();
    try {
      return new Bip340Verifier(encoded, Bip340Math.liftX(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a Bip340PublicKey is validated when built", e);
    }
  }

  @Override
  public void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
    Bip340Math.verify(publicPoint, publicKey, signature, data);
  }
}
