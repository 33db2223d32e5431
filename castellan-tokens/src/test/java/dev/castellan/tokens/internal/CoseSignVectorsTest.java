package dev.castellan.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborLimits;
import dev.castellan.tokens.AuthorityPublicKey;
import dev.castellan.tokens.CoseKeyThumbprint;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * cose-wg COSE_Sign examples (tag 98) for the algorithms a key set may use (ES256 on P-256,
 * EdDSA on Ed25519): the structure reads, the Sig_structure equals the file's ToBeSign_hex, and
 * the signature verifies with the file's key through our COSE_Key reader.
 */
class CoseSignVectorsTest {
  @Test
  void fromCbor_coseWgSignExamples_sigStructureMatchesAndVerifies() {
    Failures failures = new Failures();
    for (String file : List.of("cose/ecdsa-examples/ecdsa-01.json", "cose/eddsa-examples/eddsa-01.json")) {
      failures.check(file, () -> {
        JsonNode json = Vectors.json(file);
        CoseSign.Message message = CoseSign.fromCbor(
            Cbor.decode(Hex.decode(json.path("output").path("cbor").asString()), CborLimits.WELL_FORMED), 4);
        assertThat(message.signers()).hasSize(1);
        CoseSign.Signer signer = message.signers().getFirst();
        byte[] toBeSigned = message.toBeSigned(signer);
        assertThat(Hex.encode(toBeSigned)).isEqualToIgnoringCase(
            json.path("intermediates").path("signers").get(0).path("ToBeSign_hex").asString());
        key(json.path("input").path("sign").path("signers").get(0).path("key")).verifier()
            .verify(signer.signature(), toBeSigned);
      });
    }
    failures.assertNone(2);
  }

  private static AuthorityPublicKey key(JsonNode jwk) throws Exception {
    if (jwk.path("kty").asString().equals("EC")) {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      return AuthorityPublicKey.fromCoseKey(CoseKeyThumbprint.ec2(
          CoseKeyThumbprint.CRV_P256, b64.decode(jwk.path("x").asString()), b64.decode(jwk.path("y").asString())));
    }
    return AuthorityPublicKey.fromCoseKey(
        CoseKeyThumbprint.okp(CoseKeyThumbprint.CRV_ED25519, Hex.decode(jwk.path("x_hex").asString())));
  }
}
