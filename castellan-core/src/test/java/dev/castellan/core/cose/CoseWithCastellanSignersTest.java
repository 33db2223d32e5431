package dev.castellan.core.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import dev.castellan.core.signature.EcdsaVerifier;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Ed25519Signer;
import dev.castellan.core.signature.Ed25519Verifier;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * COSE_Sign1 with Castellan's own signature primitives (dev.castellan.core.signature): the
 * deterministic (RFC 6979) ECDSA and Ed25519 signers reproduce the cose-wg outputs byte for
 * byte, and the verifiers accept the vectors and real Nitro documents.
 */
class CoseWithCastellanSignersTest {
  private static JsonNode sign0(String relative) {
    return Vectors.json(relative).path("input").path("sign0");
  }

  private static byte[] output(String relative) {
    return Hex.decode(Vectors.json(relative).path("output").path("cbor").asString());
  }

  private static byte[] resign(String relative, dev.castellan.core.signature.PublicKeySign signer, CoseAlgorithm algorithm)
      throws Exception {
    CoseSign1 message = CoseSign1.decode(output(relative));
    return CoseSign1.sign(
        signer, algorithm, message.protectedHeaders(), message.unprotectedHeaders(), message.payload().orElseThrow(),
        Hex.decode(sign0(relative).path("external").asString("")), message.isTagged());
  }

  @Test
  void sign_es256WithEcdsaSigner_reproducesVectors() {
    Failures failures = new Failures();
    for (String relative :
        List.of("cose/sign1-tests/sign-pass-02.json", "cose/sign1-tests/sign-pass-03.json",
            "cose/ecdsa-examples/ecdsa-sig-01.json", "cose/RFC8152/Appendix_C_2_1.json")) {
      failures.check(
          relative,
          () -> {
            EcdsaPrivateKey key =
                EcdsaPrivateKey.fromScalar(EcdsaCurve.P_256, SecretBytes.copyOf(TestKeys.base64Url(sign0(relative).path("key"), "d")));
            byte[] resigned = resign(relative, EcdsaSigner.create(key, EcdsaSignatureEncoding.IEEE_P1363), CoseAlgorithm.ES256);
            assertThat(Hex.encode(resigned)).isEqualTo(Hex.encode(output(relative)));
          });
    }
    failures.assertNone(4);
  }

  @Test
  void sign_ed25519WithEd25519Signer_reproducesVector() throws Exception {
    String relative = "cose/eddsa-examples/eddsa-sig-01.json";
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SecretBytes.copyOf(Hex.decode(sign0(relative).path("key").path("d_hex").asString())));
    assertThat(Hex.encode(resign(relative, Ed25519Signer.create(key), CoseAlgorithm.EDDSA))).isEqualTo(Hex.encode(output(relative)));
    CoseSign1.decode(output(relative)).verify(Ed25519Verifier.create(key.publicKey()), CoseAlgorithm.EDDSA, new byte[0]);
  }

  @Test
  void verify_es384VectorWithEcdsaVerifier_succeeds() throws Exception {
    String relative = "cose/ecdsa-examples/ecdsa-sig-02.json";
    JsonNode key = sign0(relative).path("key");
    byte[] sec1 = Hex.decode("04" + Hex.encode(TestKeys.base64Url(key, "x")) + Hex.encode(TestKeys.base64Url(key, "y")));
    EcdsaVerifier verifier = EcdsaVerifier.create(EcdsaPublicKey.fromSec1(EcdsaCurve.P_384, sec1), EcdsaSignatureEncoding.IEEE_P1363);
    CoseSign1.decode(output(relative)).verify(verifier, CoseAlgorithm.ES384, new byte[0]);
  }

  @Test
  void verify_nitroDocumentWithEcdsaVerifier_succeeds() throws Exception {
    CoseSign1 message = CoseSign1.decode(Vectors.bytes("attestation/nitro/veracruz_aws_nitro_document.cbor"));
    byte[] der = Cbor.decode(message.payload().orElseThrow(), CborLimits.WELL_FORMED).asMap().require("certificate").asBytes();
    ECPublicKey leaf =
        (ECPublicKey) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
    EcdsaVerifier verifier = EcdsaVerifier.create(EcdsaPublicKey.fromJca(leaf), EcdsaSignatureEncoding.IEEE_P1363);
    message.verify(verifier, CoseAlgorithm.ES384, new byte[0]);
  }

  @Test
  void sign_ecdsaSignerInDerMode_throws() {
    EcdsaPrivateKey key = EcdsaPrivateKey.generate(EcdsaCurve.P_384, new SecureRandom());
    EcdsaSigner der = EcdsaSigner.create(key, EcdsaSignatureEncoding.DER);
    assertThatThrownBy(
            () -> CoseSign1.sign(der, CoseAlgorithm.ES384, CoseHeaders.empty(), CoseHeaders.empty(), new byte[] {1}, new byte[0], true))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("not DER");
  }
}
