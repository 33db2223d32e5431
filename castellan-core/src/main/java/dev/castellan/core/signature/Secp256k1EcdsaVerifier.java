package dev.castellan.core.signature;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.EcMath;
import dev.castellan.core.internal.signature.EcdsaDer;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * ECDSA verification on secp256k1 with SHA-256. Like Bitcoin (BIP-146 "LOW_S", libsecp256k1's
 * {@code secp256k1_ecdsa_verify}), it MUST reject a signature whose {@code s} is above n/2:
 * {@code (r, n - s)} is an equally valid signature mathematically, and accepting both would
 * make signatures malleable. It MUST also reject non-canonical DER, compact signatures that are
 * not 64 bytes, and {@code r} or {@code s} outside [1, n). Immutable and safe for concurrent use.
 */
public final class Secp256k1EcdsaVerifier implements PublicKeyVerify {
  private static final BigInteger HALF_N = Bip340Math.SECP256K1.getN().shiftRight(1);

  private final ECPublicKeyParameters key;
  private final EcdsaSignatureEncoding encoding;

  private Secp256k1EcdsaVerifier(Secp256k1PublicKey publicKey, EcdsaSignatureEncoding encoding) {
    this.key = new ECPublicKeyParameters(publicKey.point(), Bip340Math.SECP256K1);
    this.encoding = encoding;
  }

  public static Secp256k1EcdsaVerifier create(
      Secp256k1PublicKey publicKey, EcdsaSignatureEncoding encoding) {
    return new Secp256k1EcdsaVerifier(publicKey, encoding);
  }

  /** Verifies a signature of SHA-256({@code data}). */
  @Override
  public void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
    verifyChecked(signature, HashAlgorithm.SHA_256.hash(data));
  }

  /** Verifies a signature of a 32-byte digest, as produced by {@link Secp256k1EcdsaSigner#signDigest}. */
  public void verifyDigest(byte[] signature, byte[] digest) throws GeneralSecurityException {
    if (digest.length != Secp256k1EcdsaSigner.DIGEST_LENGTH) {
      throw new SignatureException("digest must be 32 bytes, got " + digest.length);
    }
    verifyChecked(signature, digest);
  }

  private void verifyChecked(byte[] signature, byte[] digest) throws GeneralSecurityException {
    BigInteger[] rs = switch (encoding) {
      case DER -> EcdsaDer.decode(signature, 32);
      case IEEE_P1363 -> EcdsaDer.fromP1363(signature, 32);
    };
    if (rs[1].compareTo(HALF_N) > 0) {
      throw new SignatureException("secp256k1 signature has high S (not normalized)");
    }
    EcMath.verifyDigest(key, digest, rs[0], rs[1]);
  }
}
