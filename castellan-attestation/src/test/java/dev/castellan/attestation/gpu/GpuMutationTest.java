package dev.castellan.attestation.gpu;

import static dev.castellan.attestation.gpu.GpuVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.TrustAnchors;
import dev.castellan.core.bytes.Hex;
import dev.castellan.testkit.Failures;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated real reports fail, and only with AttestationExceptions: every byte of the signed
 * part flipped, every byte of the signature flipped, every truncation, one byte more, and
 * seeded random multi-byte mutations of report 2.
 */
class GpuMutationTest {
  @org.junit.jupiter.api.BeforeEach
  void vectors() {
    requireVectors();
  }

  private static void expectRejected(Failures failures, String name, byte[] report, List<X509Certificate> chain,
      TrustAnchors anchors, byte[] nonce) {
    failures.check(name, () -> {
      try {
        GpuVerifier.create(anchors).verify(GpuEvidence.of(report, chain), request(nonce));
        throw new AssertionError("accepted");
      } catch (AttestationException expected) {
        // rejected cleanly
      }
    });
  }

  @Test
  void verify_everySignedByteFlipped_fails() throws Exception {
    byte[] report = report(REPORT_1);
    List<X509Certificate> chain = chain(CHAIN_1);
    TrustAnchors anchors = anchors();
    byte[] nonce = Hex.decode(NONCE_1);
    Failures failures = new Failures();
    for (int i = 0; i < 4021; i++) {
      byte[] mutated = report.clone();
      mutated[i] ^= (byte) (1 << (i % 8));
      expectRejected(failures, "byte " + i, mutated, chain, anchors, nonce);
    }
    failures.assertNone(4021);
  }

  @Test
  void verify_everySignatureByteFlipped_failsTheSignature() throws Exception {
    byte[] report = report(REPORT_2);
    List<X509Certificate> chain = chain(CHAIN_2);
    TrustAnchors anchors = anchors();
    Failures failures = new Failures();
    for (int i = 4033; i < 4033 + 96; i++) {
      byte[] mutated = report.clone();
      mutated[i] ^= 0x40;
      int at = i;
      failures.check("signature byte " + i, () -> {
        try {
          GpuVerifier.create(anchors).verify(GpuEvidence.of(mutated, chain), request(nonce2()));
          throw new AssertionError("accepted");
        } catch (AttestationException e) {
          assertThat(e.check()).as("byte %d", at).isEqualTo("gpu.signature");
        }
      });
    }
    failures.assertNone(96);
  }

  @Test
  void verify_everyTruncation_failsCleanly() throws Exception {
    byte[] report = report(REPORT_1);
    List<X509Certificate> chain = chain(CHAIN_1);
    TrustAnchors anchors = anchors();
    byte[] nonce = Hex.decode(NONCE_1);
    Failures failures = new Failures();
    for (int length = 0; length < report.length; length++) {
      expectRejected(failures, "length " + length, Arrays.copyOf(report, length), chain, anchors, nonce);
    }
    failures.assertNone(report.length);
  }

  @Test
  void verify_oneNonZeroByteAppended_fails() throws Exception {
    byte[] report = report(REPORT_1);
    byte[] longer = Arrays.copyOf(report, report.length + 1);
    longer[report.length] = 7;
    Failures failures = new Failures();
    expectRejected(failures, "appended", longer, chain(CHAIN_1), anchors(), Hex.decode(NONCE_1));
    failures.assertNone(1);
  }

  @Test
  void verify_randomMutations_throwOnlyAttestationExceptions() throws Exception {
    byte[] report = report(REPORT_2);
    List<X509Certificate> chain = chain(CHAIN_2);
    TrustAnchors anchors = anchors();
    Random random = new Random(20261204);
    Failures failures = new Failures();
    for (int i = 0; i < 500; i++) {
      byte[] mutated = report.clone();
      int changes = 1 + random.nextInt(8);
      for (int c = 0; c < changes; c++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      if (Arrays.equals(mutated, report)) {
        continue;
      }
      expectRejected(failures, "mutation " + i, mutated, chain, anchors, nonce2());
    }
    failures.assertNone(400);
  }
}
