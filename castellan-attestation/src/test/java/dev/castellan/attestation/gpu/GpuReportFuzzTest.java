package dev.castellan.attestation.gpu;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.CollateralSource;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.MalformedEvidenceException;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import java.time.Instant;
import java.util.Arrays;

/**
 * Jazzer fuzz tests of the GPU report parser and verifier: any input MUST parse or throw
 * MalformedEvidenceException (the parser), or throw an AttestationException (the verifier);
 * never a RuntimeException, an Error or a hang. In a normal build Jazzer runs in regression
 * mode; {@code .ci/run} fuzzes each method for a bounded time ({@code JAZZER_FUZZ=1}).
 * {@link GpuMutationTest} adds structure-aware mutations of the real reports in every build.
 */
class GpuReportFuzzTest {
  private static final VerificationRequest REQUEST =
      VerificationRequest.at(Instant.parse("2026-01-01T00:00:00Z"), Freshness.nonce(new byte[32]));

  @FuzzTest(maxDuration = "30s")
  void reportParser(byte[] input) {
    try {
      GpuReport report = GpuReport.parse(input);
      if (report.signedLength() + GpuReport.SIGNATURE_SIZE + report.trailingBytes() != input.length) {
        throw new AssertionError("parsed lengths do not add up to the input");
      }
    } catch (MalformedEvidenceException expected) {
      // refused: fine
    }
  }

  @FuzzTest(maxDuration = "30s")
  void verifierWithChain(byte[] input) {
    // The first half is the report, the second the PEM chain.
    byte[] report = Arrays.copyOf(input, input.length / 2);
    byte[] chain = Arrays.copyOfRange(input, input.length / 2, input.length);
    try {
      GpuVerifier.create().verify(Evidence.of(Platform.GPU, report),
          REQUEST.withCollateral(CollateralSource.of(Platform.GPU, "certificate-chain", chain)));
      throw new AssertionError("fuzzed input verified");
    } catch (AttestationException expected) {
      // refused: fine
    }
  }
}
