package dev.castellan.attestation;

import dev.castellan.attestation.azure.HclReport;
import dev.castellan.attestation.gpu.GpuVerifier;
import dev.castellan.attestation.nitro.NitroVerifier;
import dev.castellan.attestation.snp.SnpVerifier;
import dev.castellan.testkit.Failures;
import dev.castellan.testkit.Vectors;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and truncated inputs reach the parsers and verifiers through their public entry
 * points; the only exception any of them may throw is an AttestationException. Seeded, so a
 * failure reproduces.
 */
class ParserRobustnessTest {
  private static final VerificationRequest REQUEST =
      VerificationRequest.at(Instant.parse("2024-01-01T00:00:00Z"), Freshness.none());

  interface Action {
    void run(byte[] input) throws Exception;
  }

  private static void expectOnlyAttestationExceptions(Failures failures, String name, byte[] input, Action action) {
    failures.check(name, () -> {
      try {
        action.run(input);
      } catch (AttestationException expected) {
        // rejected cleanly
      } catch (Exception | Error other) {
        throw new AssertionError("unexpected " + other.getClass().getName(), other);
      }
    });
  }

  private static void exercise(Failures failures, String name, byte[] input) {
    SnpVerifier snp = SnpVerifier.create();
    NitroVerifier nitro = NitroVerifier.create();
    expectOnlyAttestationExceptions(failures, name + "/snp", input, b -> snp.verify(Evidence.of(Platform.SEV_SNP, b), REQUEST));
    expectOnlyAttestationExceptions(failures, name + "/nitro", input, b -> nitro.verify(Evidence.of(Platform.NITRO, b), REQUEST));
    expectOnlyAttestationExceptions(failures, name + "/gpu", input, b -> {
      dev.castellan.attestation.gpu.GpuReport.parse(b);
    });
    expectOnlyAttestationExceptions(failures, name + "/gpu-verifier", input, b -> GpuVerifier.create().verify(
        Evidence.of(Platform.GPU, b), REQUEST.withCollateral(CollateralSource.of(Platform.GPU, "certificate-chain", b))));
    expectOnlyAttestationExceptions(failures, name + "/detect", input, Evidence::detect);
    expectOnlyAttestationExceptions(failures, name + "/decodeText", input, EvidenceFormat::decodeText);
    expectOnlyAttestationExceptions(failures, name + "/hcl", input, b -> {
      HclReport hcl = HclReport.parse(b);
      hcl.attestationKey();
    });
  }

  @Test
  void randomInputs_throwOnlyAttestationExceptions() {
    Random random = new Random(20261121);
    Failures failures = new Failures();
    for (int i = 0; i < 300; i++) {
      byte[] input = new byte[1 + random.nextInt(3000)];
      random.nextBytes(input);
      if (i % 3 == 0) {
        input = Arrays.copyOf(input, 1184);
        input[0] = 2;
        input[1] = input[2] = input[3] = 0;
      } else if (i % 3 == 1) {
        input[0] = (byte) 0x84;
        if (i % 2 == 0 && input.length > 40) {
          // A GET_MEASUREMENTS request header followed by a MEASUREMENTS one: reaches the GPU parser's body.
          input[0] = 0x11;
          input[1] = (byte) 0xe0;
          input[2] = 1;
          input[3] = (byte) 0xff;
          input[36] = 0;
          input[37] = 0x11;
          input[38] = 0x60;
          input[39] = 0;
          input[40] = 0;
        }
      } else {
        input[0] = '{';
      }
      exercise(failures, "random " + i, input);
    }
    failures.assertNone(300 * 7);
  }

  @Test
  void truncatedRealEvidence_throwsOnlyAttestationExceptions() {
    Failures failures = new Failures();
    for (String file : new String[] {
        "attestation/nitro/veracruz_aws_nitro_document.cbor",
        "attestation/sev-snp/trustee_e2e_evidence.json",
        "attestation/sev-snp/azure-vtpm/trustee_az-snp-vtpm_hcl-report.bin",
        "gpu/nvidia/hopper_coco_report1.txt"}) {
      byte[] whole = Vectors.bytes(file);
      if (file.startsWith("gpu/")) {
        whole = java.util.HexFormat.of().parseHex(new String(whole, java.nio.charset.StandardCharsets.US_ASCII).strip());
      }
      for (int length = 1; length < whole.length; length += 97) {
        exercise(failures, file + " [0:" + length + "]", Arrays.copyOf(whole, length));
      }
    }
    failures.assertNone(100);
  }
}
