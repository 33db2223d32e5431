package dev.castellan.attestation.gpu;

import dev.castellan.attestation.SignatureInvalidException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * The report signature: ECDSA P-384 with SHA-384 over the request and the response up to
 * the signature, with no prefix (SPDM 1.1 signs the transcript as is; 1.2 added a prefix),
 * encoded as raw {@code r‖s}, 48 bytes each, big-endian.
 */
final class GpuSignature {
  static final String CHECK = "gpu.signature";
  private static final ECParameterSpec P384 = p384();

  private GpuSignature() {}

  /** Whether {@code key} is an EC key on NIST P-384 (curve, generator and order). */
  static boolean isP384(PublicKey key) {
    if (!(key instanceof ECPublicKey ec)) {
      return false;
    }
    ECParameterSpec params = ec.getParams();
    return params.getCurve().equals(P384.getCurve()) && params.getGenerator().equals(P384.getGenerator())
        && params.getOrder().equals(P384.getOrder()) && params.getCofactor() == P384.getCofactor();
  }

  static void verify(PublicKey key, byte[] report, int signedLength, byte[] signature)
      throws SignatureInvalidException {
    if (!isP384(key)) {
      throw new SignatureInvalidException(CHECK, "the signing certificate's key is not ECDSA P-384");
    }
    boolean valid;
    try {
      // P1363 is r‖s, each the field size; the provider rejects r or s outside 1..n-1.
      Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
      verifier.initVerify(key);
      verifier.update(report, 0, signedLength);
      valid = verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SignatureInvalidException(CHECK, "report signature does not verify", e);
    }
    if (!valid) {
      throw new SignatureInvalidException(CHECK,
          "report signature does not verify with the signing certificate's key over the request and response");
    }
  }

  private static ECParameterSpec p384() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp384r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
