package dev.castellan.core.signature;

import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.internal.signature.Bip340Math;
import dev.castellan.core.internal.signature.EcMath;
import dev.castellan.core.internal.signature.EcdsaDer;
import dev.castellan.core.internal.signature.LibSecp256k1;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/**
 * ECDSA on secp256k1 with SHA-256 (SEC 1 v2 section 4.1.3), deterministic nonces (RFC 6979
 * section 3.2, HMAC-SHA256) and low-S normalization: {@code s} is always at most n/2, as
 * Bitcoin requires (BIP-146 "LOW_S") and as libsecp256k1 produces, so for the same key and
 * digest the signature is byte-identical to libsecp256k1's. Encodings: {@link
 * EcdsaSignatureEncoding#DER}, or {@link EcdsaSignatureEncoding#IEEE_P1363}, which on this curve
 * is the 64-byte "compact" {@code r || s}. Immutable and safe for concurrent use.
 *
 * <p>Like {@link Bip340Signer}, it signs with libsecp256k1 when its JNI binding loads and in
 * pure Java otherwise; the two produce identical bytes (tested). Verification is always the
 * pure-Java {@link Secp256k1EcdsaVerifier}.
 */
public final class Secp256k1EcdsaSigner implements PublicKeySign {
  /** Length of a digest accepted by {@link #signDigest(byte[])}. */
  public static final int DIGEST_LENGTH = 32;

  private static final BigInteger N = Bip340Math.SECP256K1.getN();
  private static final BigInteger HALF_N = N.shiftRight(1);

  private final ECPrivateKeyParameters key;
  private final EcdsaSignatureEncoding encoding;
  private final Optional<LibSecp256k1> lib;
  private final byte[] secret; // only for libsecp256k1

  private Secp256k1EcdsaSigner(
      Secp256k1PrivateKey privateKey, EcdsaSignatureEncoding encoding, Optional<LibSecp256k1> lib) {
    this.key = new ECPrivateKeyParameters(privateKey.d(), Bip340Math.SECP256K1);
    this.encoding = encoding;
    this.lib = lib;
    this.secret = lib.isPresent() ? privateKey.scalar().toByteArray() : null;
  }

  public static Secp256k1EcdsaSigner create(
      Secp256k1PrivateKey privateKey, EcdsaSignatureEncoding encoding) {
    return new Secp256k1EcdsaSigner(privateKey, encoding, LibSecp256k1.instance());
  }

  /** For tests and benchmarks: the pure-Java implementation only. */
  static Secp256k1EcdsaSigner createPureJava(
      Secp256k1PrivateKey privateKey, EcdsaSignatureEncoding encoding) {
    return new Secp256k1EcdsaSigner(privateKey, encoding, Optional.empty());
  }

  /** {@code "libsecp256k1"} when signing natively, else {@code "java"}. */
  public String implementation() {
    return lib.isPresent() ? "libsecp256k1" : "java";
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
    if (lib.isPresent()) {
      byte[] compact = lib.get().signEcdsa(digest, secret);
      return switch (encoding) {
        case IEEE_P1363 -> compact;
        case DER -> EcdsaDer.encode(
            new BigInteger(1, compact, 0, 32), new BigInteger(1, compact, 32, 32));
      };
    }
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
