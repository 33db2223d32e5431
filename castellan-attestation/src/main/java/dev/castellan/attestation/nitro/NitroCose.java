package dev.castellan.attestation.nitro;

import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.SafeText;
import dev.castellan.attestation.SignatureInvalidException;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.cose.CoseAlgorithm;
import dev.castellan.core.cose.CoseException;
import dev.castellan.core.cose.CoseHeaders;
import dev.castellan.core.cose.CoseSign1;
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaVerifier;
import dev.castellan.core.signature.PublicKeyVerify;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;
import java.util.Set;

/**
 * The COSE_Sign1 envelope of a Nitro document, on core's {@link CoseSign1}, restricted to
 * what Nitro produces: a protected header that is exactly {@code {1: -35}} (ES384), an empty
 * unprotected header, an attached payload and a 96-byte r||s signature.
 */
final class NitroCose {
  private static final CborValue ALG_LABEL = CborValue.of(CoseHeaders.ALGORITHM);

  private final CoseSign1 message;
  private final byte[] payload;

  private NitroCose(CoseSign1 message, byte[] payload) {
    this.message = message;
    this.payload = payload;
  }

  static NitroCose decode(byte[] bytes) throws MalformedEvidenceException, SignatureInvalidException {
    CoseSign1 message;
    try {
      message = CoseSign1.decode(bytes);
    } catch (CoseException e) {
      throw new MalformedEvidenceException("nitro.cose", "not a well-formed COSE_Sign1: " + SafeText.escape(e.getMessage()));
    }
    CoseHeaders protectedHeaders = message.protectedHeaders();
    Optional<CborValue> alg = protectedHeaders.get(CoseHeaders.ALGORITHM);
    if (!protectedHeaders.labels().equals(Set.of(ALG_LABEL))
        || !alg.orElseThrow().equals(CborValue.of(CoseAlgorithm.ES384.id()))) {
      throw new SignatureInvalidException("nitro.algorithm",
          "protected header must be exactly {1: -35} (ES384)", "ES384",
          alg.map(v -> SafeText.escape(v.toString())).orElse("no protected alg"));
    }
    if (!message.unprotectedHeaders().isEmpty()) {
      throw new MalformedEvidenceException("nitro.cose", "unprotected header must be empty");
    }
    Optional<byte[]> payload = message.payload();
    if (payload.isEmpty()) {
      throw new MalformedEvidenceException("nitro.cose", "payload is detached");
    }
    if (message.signature().length != CoseAlgorithm.ES384.signatureLength()) {
      throw new MalformedEvidenceException("nitro.cose", "ES384 signature has the wrong size",
          CoseAlgorithm.ES384.signatureLength() + " bytes", message.signature().length + " bytes");
    }
    return new NitroCose(message, payload.get());
  }

  byte[] payload() {
    return payload.clone();
  }

  /** A P1363 ES384 verifier for {@code key} (which MUST be P-384). */
  static PublicKeyVerify verifierFor(ECPublicKey key) throws GeneralSecurityException {
    return EcdsaVerifier.create(EcdsaPublicKey.fromJca(key), EcdsaSignatureEncoding.IEEE_P1363);
  }

  /** Verifies the ES384 signature with {@code verifier}. */
  void verify(PublicKeyVerify verifier) throws SignatureInvalidException {
    try {
      message.verify(verifier, CoseAlgorithm.ES384, new byte[0]);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SignatureInvalidException("nitro.signature", "COSE_Sign1 signature does not verify");
    }
  }
}
