package dev.castellan.core.signature;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.EcMath;
import dev.castellan.core.internal.signature.EcdsaDer;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/**
 * ECDSA on secp256k1 with SHA-256 (SEC 1 v2 section 4.1.3), deterministic nonces (RFC 6979
 * section 3.2, HMAC-SHA256) and low-S normalization: {@code s} is always at most n/2, as
 * Bitcoin requires (BIP-146 "LOW_S") and as libsecp256k1 produces, so for the same key and
 * digest the signature is byte-identical to libsecp256k1's. Encodings: {@link
 * EcdsaSignatureEncoding#DER}, or {@link EcdsaSignatureEncoding#IEEE_P1363}, which on this curve
 * is the 64-byte "compact" {@code r || s}. Immutable and safe for concurrent use.
 */
public final class Secp256k1EcdsaSigner implements PublicKeySign {
  /** Length of a digest accepted by {@link #signDigest(byte[])}. */
  public static final int DIGEST_LENGTH = 32;

  private static final BigInteger N = Bip340Math.SECP256K1.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);

  private final ECPrivateKeyParameters key;
  private final EcdsaSignatureEncoding encoding;

  private Secp256k1EcdsaSigner(BigInteger d, EcdsaSignatureEncoding encoding) {
    this.key = new ECPrivateKeyParameters(d, Bip340Math.SECP256K1);
    this.encoding = encoding;
  }

  public static Secp256k1EcdsaSigner create(
      Secp256k1PrivateKey privateKey, EcdsaSignatureEncoding encoding) {
    return new Secp256k1EcdsaSigner(privateKey.d(), encoding);
  }

  /** Signs SHA-256({@code data}). */
  @Override
  public byte[] sign(byte[] data) {
    return signChecked(HashAlgorithm.SHA_256.hash(data));
  }

  /**
   * Signs a caller-computed 32-byte digest as is. The caller MUST have produced it with a
   * collision-resistant hash of the message: signing attacker-chosen "digests" lets the
   * attacker choose what is signed.
   *
   * @throws SignatureException if {@code digest} is not 32 bytes
   */
  public byte[] signDigest(byte[] digest) throws GeneralSecurityException {
    if (digest.length != DIGEST_LENGTH) {
      throw new SignatureException("digest must be 32 bytes, got " + digest.length);
    }
    return signChecked(digest);
  }

  private byte[] signChecked(byte[] digest) {
    BigInteger[] rs = EcMath.signDigest(key, new SHA256Digest(), digest);
    BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
    return switch (encoding) {
      case DER -> EcdsaDer.encode(rs[0], s);
      case IEEE_P1363 -> EcdsaDer.toP1363(rs[0], s, 32);
    };
  }

  @Override
  public String toString() {
    return "Secp256k1EcdsaSigner[" + encoding + ", key redacted]";
  }
}
