package dev.castellan.core.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.signature.PublicKeyVerify;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real AWS Nitro attestation documents (../shared/vectors/attestation/nitro): untagged
 * COSE_Sign1, ES384, signed by the leaf certificate carried in the payload. Only the COSE layer
 * is checked here (the certificate chain is the attestation module's job).
 */
class NitroAttestationCoseTest {
  private static final List<String> VALID =
      List.of(
          "attestation/nitro/evervault_beta_valid-attestation-doc-bytes",
          "attestation/nitro/evervault_beta_debug-mode-attestation-doc-bytes",
          "attestation/nitro/veracruz_aws_nitro_document.cbor");

  /** The leaf certificate's key, as a P1363 ES384 verifier (test-only, over the JDK). */
  private static PublicKeyVerify leafVerifier(CoseSign1 message) throws Exception {
    CborMap document = Cbor.decode(message.payload().orElseThrow(), CborLimits.WELL_FORMED).asMap();
    byte[] der = document.require("certificate").asBytes();
    PublicKey key =
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
    return (signature, data) -> {
      Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
      s.initVerify(key);
      s.update(data);
      if (!s.verify(signature)) {
        throw new SignatureException("ES384 signature invalid");
      }
    };
  }

  @Test
  void verify_realNitroDocuments_verifyWithEs384() {
    Failures failures = new Failures();
    for (String relative : VALID) {
      byte[] encoded = Vectors.bytes(relative);
      failures.check(
          relative,
          () -> {
            CoseSign1 message = CoseSign1.decode(encoded);
            assertThat(message.isTagged()).isFalse();
            assertThat(message.protectedHeaders().algorithm()).contains(CoseAlgorithm.ES384);
            message.verify(leafVerifier(message), CoseAlgorithm.ES384, new byte[0]);
          });
    }
    byte[] base64 = Base64.getMimeDecoder().decode(Vectors.text("attestation/nitro/evervault_valid-attestation-doc-base64").strip());
    failures.check(
        "evervault_valid-attestation-doc-base64",
        () -> {
          CoseSign1 message = CoseSign1.decode(base64);
          message.verify(leafVerifier(message), CoseAlgorithm.ES384, new byte[0]);
        });
    failures.assertNone(4);
  }

  @Test
  void verify_nitroDocumentWithBadSignature_throws() throws Exception {
    CoseSign1 message = CoseSign1.decode(Vectors.bytes("attestation/nitro/veracruz_aws_nitro_document_bad_sig.cbor"));
    PublicKeyVerify verifier = leafVerifier(message);
    assertThatThrownBy(() -> message.verify(verifier, CoseAlgorithm.ES384, new byte[0]))
        .isInstanceOf(CoseException.class)
        .hasMessage("signature verification failed");
  }

  @Test
  void verify_nitroDocumentExpectingEs256_throwsAlgorithmMismatch() throws Exception {
    CoseSign1 message = CoseSign1.decode(Vectors.bytes(VALID.get(2)));
    PublicKeyVerify verifier = leafVerifier(message);
    assertThatThrownBy(() -> message.verify(verifier, CoseAlgorithm.ES256, new byte[0]))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("algorithm mismatch");
  }
}
