package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.EcMath;
import dev.castellan.core.internal.signature.EcdsaDer;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/**
 * ECDSA signing (FIPS 186-5 section 6.4) on P-256 with SHA-256 or P-384 with SHA-384, with
 * deterministic nonces (RFC 6979 section 3.2, HMAC with the curve's hash), so signing never
 * depends on the quality of a random generator. Output is DER or IEEE P1363 as chosen at
 * creation. Immutable and safe for concurrent use.
 */
public final class EcdsaSigner implements PublicKeySign {
  private final EcdsaCurve curve;
  private final ECPrivateKeyParameters key;
  private final EcdsaSignatureEncoding encoding;

  private EcdsaSigner(EcdsaCurve curve, BigInteger d, EcdsaSignatureEncoding encoding) {
    this.curve = curve;
    this.key = new ECPrivateKeyParameters(d, curve.domain());
    this.encoding = encoding;
  }

  public static EcdsaSigner create(EcdsaPrivateKey privateKey, EcdsaSignatureEncoding encoding) {
    byte[] raw = privateKey.scalar().toByteArray();
    try {
      return new EcdsaSigner(privateKey.curve(), new BigInteger(1, raw), encoding);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Hashes {@code data} with the curve's hash and signs the digest. */
  @Override
  public byte[] sign(byte[] data) {
    byte[] digest = curve.hashAlgorithm().hash(data);
    BigInteger[] rs = EcMath.signDigest(key, nonceDigest(), digest);
    return switch (encoding) {
      case DER -> EcdsaDer.encode(rs[0], rs[1]);
      case IEEE_P1363 -> EcdsaDer.toP1363(rs[0], rs[1], curve.scalarLength());
    };
  }

  private Digest nonceDigest() {
    return switch (curve) {
      case P_256 -> new SHA256Digest();
      case P_384 -> new SHA384Digest();
    };
  }

  @Override
  public String toString() {
    return "EcdsaSigner[" + curve.nistName() + ", " + encoding + ", key redacted]";
  }
}
