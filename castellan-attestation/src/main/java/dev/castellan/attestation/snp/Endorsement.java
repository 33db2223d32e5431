package dev.castellan.attestation.snp;

import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaVerifier;
import dev.castellan.core.signature.PublicKeyVerify;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Optional;

/**
 * A parsed endorsement: the VCEK/VLEK (first) with any ASK/ARK supplied after it, its AMD
 * extensions, and a verifier for its key when that key is ECDSA P-384. A pure function of
 * the certificate bytes, so verifiers may memoize it by their SHA-256; reusing the verifier
 * also reuses BouncyCastle's precomputation for the public point.
 */
record Endorsement(
    List<X509Certificate> chain, EndorsementExtensions extensions, Optional<PublicKeyVerify> verifier) {
  Endorsement {
    chain = List.copyOf(chain);
  }

  static Endorsement of(List<X509Certificate> chain) throws MalformedEvidenceException {
    X509Certificate leaf = chain.getFirst();
    Optional<PublicKeyVerify> verifier = Optional.empty();
    if (leaf.getPublicKey() instanceof ECPublicKey key
        && key.getParams().getCurve().getField().getFieldSize() == 384) {
      try {
        verifier = Optional.of(EcdsaVerifier.create(EcdsaPublicKey.fromJca(key), EcdsaSignatureEncoding.IEEE_P1363));
      } catch (GeneralSecurityException e) {
        verifier = Optional.empty(); // reported as "not ECDSA P-384" by the signature check
      }
    }
    return new Endorsement(chain, EndorsementExtensions.read(leaf), verifier);
  }

  X509Certificate leaf() {
    return chain.getFirst();
  }
}
