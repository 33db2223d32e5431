package dev.castellan.core.signature;

import dev.castellan.core.internal.signature.EcMath;
import dev.castellan.core.internal.signature.EcdsaDer;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * ECDSA verification (FIPS 186-5 section 6.4.2) on P-256 with SHA-256 or P-384 with SHA-384.
 * It MUST reject a P1363 signature of the wrong length, a DER signature that is not the one
 * canonical encoding, and {@code r} or {@code s} outside [1, n). Immutable and safe for
 * concurrent use.
 */
public final class EcdsaVerifier implements PublicKeyVerify {
  private final EcdsaCurve curve;
  private final ECPublicKeyParameters key;
  private final EcdsaSignatureEncoding encoding;

  private EcdsaVerifier(EcdsaPublicKey publicKey, EcdsaSignatureEncoding encoding) {
    this.curve = publicKey.curve();
    this.key = new ECPublicKeyParameters(publicKey.point(), curve.domain());
    this.encoding = encoding;
  }

  public static EcdsaVerifier create(EcdsaPublicKey publicKey, EcdsaSignatureEncoding encoding) {
    return new EcdsaVerifier(publicKey, encoding);
  }

  @Override
  public void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
    BigInteger[] rs = switch (encoding) {
      case DER -> EcdsaDer.decode(signature, curve.scalarLength());
      case IEEE_P1363 -> EcdsaDer.fromP1363(signature, curve.scalarLength());
    };
    byte[] digest = curve.hashAlgorithm().hash(data);
    EcMath.verifyDigest(key, digest, rs[0], rs[1]);
  }
}
