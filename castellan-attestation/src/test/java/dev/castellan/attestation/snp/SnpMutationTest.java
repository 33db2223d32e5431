package dev.castellan.attestation.snp;

import static dev.castellan.attestation.snp.SnpVectors.GO_SEV_GUEST;
import static dev.castellan.attestation.snp.SnpVectors.VIRTEE_MILAN;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.testkit.Failures;
import org.junit.jupiter.api.Test;

/**
 * Flipping any single byte of the report (signed region, signature, padding) or of the VCEK
 * makes verification fail with an AttestationException, and never with another exception.
 */
class SnpMutationTest {
  private final SnpVerifier verifier = SnpVerifier.createUncached(TrustAnchors.bundled());

  private static void expectRejected(Failures failures, String name, ThrowingVerify verify) {
    failures.check(name, () -> {
      try {
        verify.run();
      } catch (AttestationException expected) {
        return;
      } catch (Exception | Error other) {
        throw new AssertionError("wrong exception type " + other.getClass().getName(), other);
      }
      throw new AssertionError("mutated input verified");
    });
  }

  interface ThrowingVerify {
    void run() throws Exception;
  }

  @Test
  void verify_anyFlippedReportByte_throwsAttestationException() throws Exception {
    byte[] original = GO_SEV_GUEST.reportBytes();
    Failures failures = new Failures();
    for (int i = 0; i < original.length; i++) {
      byte[] mutated = original.clone();
      mutated[i] ^= (byte) 0x01;
      expectRejected(failures, "report byte " + i,
          () -> verifier.verify(Evidence.of(Platform.SEV_SNP, mutated), GO_SEV_GUEST.request()));
    }
    failures.assertNone(original.length);
  }

  @Test
  void verify_anyFlippedVcekByte_throwsAttestationException() throws Exception {
    byte[] original = VIRTEE_MILAN.endorsementBytes();
    Failures failures = new Failures();
    for (int i = 0; i < original.length; i++) {
      byte[] mutated = original.clone();
      mutated[i] ^= (byte) 0x01;
      expectRejected(failures, "vcek byte " + i,
          () -> verifier.verify(VIRTEE_MILAN.evidence(), VIRTEE_MILAN.request()
              .withCollateral(CollateralSource.of(Platform.SEV_SNP, "vcek", mutated))));
    }
    failures.assertNone(original.length);
  }
}
