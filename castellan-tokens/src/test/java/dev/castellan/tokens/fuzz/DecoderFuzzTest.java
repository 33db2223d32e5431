package dev.castellan.tokens.fuzz;

import dev.castellan.tokens.CapabilityToken;
import dev.castellan.tokens.KeyId;
import dev.castellan.tokens.KeySetDocument;
import dev.castellan.tokens.TokenException;
import dev.castellan.tokens.TrustDocumentException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castellan.tokens.envelope.Envelope;
import dev.castellan.tokens.envelope.EnvelopeCodec;
import dev.castellan.tokens.envelope.EnvelopeException;
import java.util.Arrays;

/**
 * Jazzer fuzz tests of the decoders: any input MUST either decode or throw the module's checked
 * exception — never a RuntimeException, an Error or a hang — and whatever decodes MUST
 * re-encode to the same bytes (one encoding per value). In a normal build Jazzer runs in
 * regression mode on the seeds in src/test/resources/.../DecoderFuzzTestInputs; set {@code
 * JAZZER_FUZZ=1} to fuzz.
 *
 * <p>{@code .ci/run} fuzzes each method for a bounded time (coverage-guided; Jazzer 0.30.0
 * instruments JDK 25 classes). {@link dev.castellan.tokens.MutationRobustnessTest} adds seeded,
 * structure-aware mutations that run in every build.
 */
class DecoderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void tokenDecoder(byte[] input) {
    try {
      CapabilityToken token = CapabilityToken.decode(input);
      if (token.claims().encode().length == 0) {
        throw new AssertionError("decoded a token without claims");
      }
    } catch (TokenException e) {
      if (e.rule() != TokenException.Rule.MALFORMED) {
        throw new AssertionError("decode may only refuse as MALFORMED, not " + e.rule(), e);
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void envelopeDecoder(byte[] input) {
    try {
      Envelope envelope = EnvelopeCodec.decode(input);
      if (!Arrays.equals(EnvelopeCodec.encode(envelope), input)) {
        throw new AssertionError("decoded envelope does not re-encode to its input");
      }
    } catch (EnvelopeException expected) {
      // refused: fine
    }
  }

  @FuzzTest(maxDuration = "30s")
  void keySetDecoder(byte[] input) {
    try {
      KeySetDocument.verifyTrustAnchor(input, KeyId.of(new byte[32]));
    } catch (TrustDocumentException expected) {
      // refused: fine (a random input never carries a valid signature by the pinned key)
    }
  }
}
