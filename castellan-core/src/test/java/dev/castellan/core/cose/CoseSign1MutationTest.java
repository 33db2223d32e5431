package dev.castellan.core.cose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.signature.PublicKeyVerify;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Byte-flip and truncation mutations of encoded COSE_Sign1 messages: every mutation of a
 * signed byte MUST make decode or verify throw {@link CoseException}, and no mutation may escape
 * as an unchecked exception.
 */
class CoseSign1MutationTest {
  private static final byte[] PAYLOAD = "capability token body".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AAD = {9, 9};
  private static final int[] FLIPS = {0x01, 0x80};

  /** Decodes and verifies; true if accepted, false if rejected with CoseException. */
  private static boolean accepts(byte[] encoded, PublicKeyVerify verifier, CoseAlgorithm algorithm, byte[] aad, byte[] detached) {
    try {
      CoseSign1 message = CoseSign1.decode(encoded);
      if (detached == null) {
        message.verify(verifier, algorithm, aad);
      } else {
        message.verifyDetached(verifier, algorithm, aad, detached);
      }
      return true;
    } catch (CoseException e) {
      return false;
    }
  }

  /**
   * Applies every flip at every offset and every truncation; offsets in {@code [freeFrom,
   * freeTo)} (an unprotected bucket, which no signature covers) may be accepted.
   */
  private static void mutateAll(
      Failures failures, String name, byte[] encoded, PublicKeyVerify verifier, CoseAlgorithm algorithm,
      byte[] aad, byte[] detached, int freeFrom, int freeTo) {
    failures.check(name + " original", () -> assertThat(accepts(encoded, verifier, algorithm, aad, detached)).isTrue());
    for (int i = 0; i < encoded.length; i++) {
      for (int flip : FLIPS) {
        byte[] mutated = encoded.clone();
        mutated[i] ^= (byte) flip;
        boolean mayPass = i >= freeFrom && i < freeTo;
        int at = i;
        failures.check(
            name + " flip " + Integer.toHexString(flip) + " at " + at,
            () -> {
              boolean accepted = accepts(mutated, verifier, algorithm, aad, detached);
              if (accepted && !mayPass) {
                throw new AssertionError("mutation accepted");
              }
            });
      }
    }
    for (int length = 0; length < encoded.length; length++) {
      byte[] truncated = Arrays.copyOf(encoded, length);
      failures.check(
          name + " truncated to " + length,
          () -> assertThat(accepts(truncated, verifier, algorithm, aad, detached)).isFalse());
    }
  }

  @Test
  void mutate_ownMessages_everyMutationRejected() throws Exception {
    Failures failures = new Failures();
    TestKeys.Pair p256 = TestKeys.freshEc("secp256r1", "SHA256withECDSAinP1363Format");
    TestKeys.Pair p384 = TestKeys.freshEc("secp384r1", "SHA384withECDSAinP1363Format");
    TestKeys.Pair ed25519 = TestKeys.ed25519(new byte[32]);
    CoseHeaders none = CoseHeaders.empty();
    mutateAll(failures, "ES256", CoseSign1.sign(p256.signer(), CoseAlgorithm.ES256, none, none, PAYLOAD, AAD, true),
        p256.verifier(), CoseAlgorithm.ES256, AAD, null, 0, 0);
    mutateAll(failures, "ES384 untagged", CoseSign1.sign(p384.signer(), CoseAlgorithm.ES384, none, none, PAYLOAD, AAD, false),
        p384.verifier(), CoseAlgorithm.ES384, AAD, null, 0, 0);
    mutateAll(failures, "EdDSA", CoseSign1.sign(ed25519.signer(), CoseAlgorithm.EDDSA, none, none, PAYLOAD, AAD, true),
        ed25519.verifier(), CoseAlgorithm.EDDSA, AAD, null, 0, 0);
    mutateAll(failures, "EdDSA detached", CoseSign1.signDetached(ed25519.signer(), CoseAlgorithm.EDDSA, none, none, PAYLOAD, AAD, true),
        ed25519.verifier(), CoseAlgorithm.EDDSA, AAD, PAYLOAD, 0, 0);
    failures.assertNone(1000);
  }

  @Test
  void mutate_coseWgVectors_signedBytesRejected() throws Exception {
    Failures failures = new Failures();
    for (String relative :
        List.of("cose/sign1-tests/sign-pass-02.json", "cose/ecdsa-examples/ecdsa-sig-02.json", "cose/eddsa-examples/eddsa-sig-01.json")) {
      JsonNode json = Vectors.json(relative);
      JsonNode sign0 = json.path("input").path("sign0");
      byte[] encoded = Hex.decode(json.path("output").path("cbor").asString());
      byte[] aad = Hex.decode(sign0.path("external").asString(""));
      CoseSign1 message = CoseSign1.decode(encoded);
      CoseAlgorithm algorithm = message.algorithm();
      // Layout: tag (1 byte), array head (1), protected bstr, then the unprotected map (kid).
      int unprotectedFrom = 2 + Cbor.encode(dev.castellan.core.cbor.CborValue.of(message.protectedBytes())).length;
      int unprotectedTo = unprotectedFrom + Cbor.encode(message.unprotectedHeaders().toCbor()).length;
      mutateAll(failures, relative, encoded, TestKeys.fromCoseWgKey(sign0.path("key")).verifier(), algorithm, aad, null,
          unprotectedFrom, unprotectedTo);
    }
    failures.assertNone(500);
  }
}
