package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.LibSecp256k1;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BIP-340 Schnorr verification (bip-0340, "Verification"), for messages of any length. It
 * MUST reject signatures that are not 64 bytes, with {@code r >= p} or {@code s >= n} (never
 * reduced), or whose {@code R} is infinite, has odd y or a different x. Immutable and safe for
 * concurrent use.
 *
 * <p>Like {@link Bip340Signer}, it verifies 32-byte messages with libsecp256k1 when that is
 * available, and everything else in pure Java; the BIP-340 vectors are run against both.
 */
public final class Bip340Verifier implements PublicKeyVerify {
  private final byte[] publicKey;
  private final ECPoint publicPoint;
  private final Optional<LibSecp256k1> lib;

  private Bip340Verifier(byte[] publicKey, ECPoint publicPoint, Optional<LibSecp256k1> lib) {
    this.publicKey = publicKey;
    this.publicPoint = publicPoint;
    this.lib = lib;
  }

  public static Bip340Verifier create(Bip340PublicKey publicKey) {
    return create(publicKey, LibSecp256k1.instance());
  }

  /** For tests and benchmarks: the pure-Java implementation only. */
  static Bip340Verifier createPureJava(Bip340PublicKey publicKey) {
    return create(publicKey, Optional.empty());
  }

  private static Bip340Verifier create(Bip340PublicKey publicKey, Optional<LibSecp256k1> lib) {
    byte[] encoded = publicKey.toBytes();
    try {
      return new Bip340Verifier(encoded, Bip340Math.liftX(encoded), lib);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a Bip340PublicKey is validated when built", e);
    }
  }

  @Override
  public void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
    if (data.length == 32 && signature.length == 64 && lib.isPresent()) {
      if (!lib.get().verifySchnorr(signature, data, publicKey)) {
        throw new SignatureException("BIP-340 signature is invalid");
      }
      return;
    }
    Bip340Math.verify(publicPoint, publicKey, signature, data);
  }
}
