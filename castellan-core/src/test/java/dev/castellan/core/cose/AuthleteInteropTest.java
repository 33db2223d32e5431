package dev.castellan.core.cose;

import static org.assertj.core.api.Assertions.assertThat;

import com.authlete.cbor.CBORDecoder;
import com.authlete.cose.COSEProtectedHeader;
import com.authlete.cose.COSEProtectedHeaderBuilder;
import com.authlete.cose.COSESign1;
import com.authlete.cose.COSESign1Builder;
import com.authlete.cose.COSESigner;
import com.authlete.cose.COSEUnprotectedHeaderBuilder;
import com.authlete.cose.COSEVerifier;
import com.authlete.cose.SigStructure;
import com.authlete.cose.SigStructureBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with an independent COSE implementation, com.authlete:cbor (test scope
 * only): messages we sign verify there, and messages it signs verify here, for ES256 and ES384.
 */
class AuthleteInteropTest {
  private static final byte[] PAYLOAD = "interop payload".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AAD = {0x11, 0x22};

  private record Case(CoseAlgorithm algorithm, String curve, String jcaSignature) {}

  private static final List<Case> CASES =
      List.of(
          new Case(CoseAlgorithm.ES256, "secp256r1", "SHA256withECDSAinP1363Format"),
          new Case(CoseAlgorithm.ES384, "secp384r1", "SHA384withECDSAinP1363Format"));

  private static KeyPair generate(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  @Test
  void oursSigned_authleteVerifies() throws Exception {
    for (Case c : CASES) {
      TestKeys.Pair key = TestKeys.freshEc(c.curve(), c.jcaSignature());
      CoseHeaders unprotected = CoseHeaders.builder().keyId("k1".getBytes(StandardCharsets.UTF_8)).build();
      byte[] ours = CoseSign1.sign(key.signer(), c.algorithm(), CoseHeaders.empty(), unprotected, PAYLOAD, AAD, false);
      COSESign1 theirs = COSESign1.build(new CBORDecoder(ours).next());
      assertThat(new COSEVerifier(key.jcaPublicKey()).verify(theirs, AAD)).as(c.algorithm().name()).isTrue();
      assertThat(new COSEVerifier(key.jcaPublicKey()).verify(theirs, new byte[] {1})).isFalse();
    }
  }

  @Test
  void oursSignedEd25519_authleteVerifies() throws Exception {
    TestKeys.Pair key = TestKeys.ed25519(new byte[32]);
    byte[] ours = CoseSign1.sign(key.signer(), CoseAlgorithm.EDDSA, CoseHeaders.empty(), CoseHeaders.empty(), PAYLOAD, AAD, false);
    COSESign1 theirs = COSESign1.build(new CBORDecoder(ours).next());
    assertThat(new COSEVerifier(key.jcaPublicKey()).verify(theirs, AAD)).isTrue();
  }

  @Test
  void authleteSigned_oursVerifies() throws Exception {
    for (Case c : CASES) {
      KeyPair pair = generate(c.curve());
      COSEProtectedHeader protectedHeader = new COSEProtectedHeaderBuilder().alg((int) c.algorithm().id()).build();
      SigStructure toBeSigned =
          new SigStructureBuilder().signature1().bodyAttributes(protectedHeader).externalData(AAD).payload(PAYLOAD).build();
      byte[] signature = new COSESigner(pair.getPrivate()).sign(toBeSigned, (int) c.algorithm().id());
      COSESign1 theirs =
          new COSESign1Builder()
              .protectedHeader(protectedHeader)
              .unprotectedHeader(new COSEUnprotectedHeaderBuilder().kid("k2").build())
              .payload(PAYLOAD)
              .signature(signature)
              .build();
      byte[] encoded = theirs.encode();
      CoseSign1 message = CoseSign1.decode(encoded);
      message.verify(
          (sig, data) -> {
            java.security.Signature s = java.security.Signature.getInstance(c.jcaSignature());
            s.initVerify(pair.getPublic());
            s.update(data);
            if (!s.verify(sig)) {
              throw new java.security.SignatureException("invalid");
            }
          },
          c.algorithm(),
          AAD);
      assertThat(message.payload()).hasValueSatisfying(p -> assertThat(p).isEqualTo(PAYLOAD));
    }
  }
}
