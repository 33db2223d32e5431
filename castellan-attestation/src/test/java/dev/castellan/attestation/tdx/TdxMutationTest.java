package dev.castellan.attestation.tdx;

import static dev.castellan.attestation.tdx.TdxTestData.*;

import dev.castellan.testkit.Failures;
import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import org.junit.jupiter.api.Test;

/**
 * Flipping any byte inside a quote's declared length (header, signed body, signatures, keys,
 * QE report, auth data, each PCK certificate) must fail TdxVerifier.verify with an AttestationException,
 * and never with anything else.
 */
class TdxMutationTest {

  /** Every byte before the PEM chain, then every {@code chainStride}-th byte of the chain. */
  private static void mutate(String name, int chainStride) throws Exception {
    byte[] quote = quote(name);
    int declaredEnd = quote.length - TdxQuote.parse(quote).trailingLength();
    TdxVerifier verifier = verifier();
    VerificationRequest request = VerificationRequest.at(AT_2023, Freshness.none());
    Failures failures = new Failures();
    int chainStart = new String(quote, java.nio.charset.StandardCharsets.ISO_8859_1)
        .indexOf("-----BEGIN CERTIFICATE-----");
    int count = 0;
    for (int offset = 0; offset < declaredEnd; offset += offset < chainStart ? 1 : chainStride) {
      count++;
      byte[] mutated = quote.clone();
      mutated[offset] ^= 0x01;
      int at = offset;
      failures.check(name + " byte " + at, () -> {
        try {
          verifier.verify(Evidence.of(Platform.TDX, mutated), request);
        } catch (AttestationException expected) {
          return;
        }
        throw new AssertionError("accepted a quote with byte " + at + " flipped");
      });
    }
    failures.assertNone(count);
  }

  @Test
  void verify_anyByteFlippedInQuote4_throwsAttestationException() throws Exception {
    mutate(QUOTE_4, 7);
  }

  @Test
  void verify_anyByteFlippedInV5Sample_throwsAttestationException() throws Exception {
    mutate(V5_SAMPLE, 13);
  }
}
