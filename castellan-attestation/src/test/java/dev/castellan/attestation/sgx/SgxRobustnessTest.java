package dev.castellan.attestation.sgx;

import static dev.castellan.attestation.sgx.SgxVectors.*;

import dev.castellan.attestation.AttestationException;
import dev.castellan.attestation.Evidence;
import dev.castellan.attestation.Platform;
import dev.castellan.attestation.VerificationRequest;
import dev.castellan.testkit.Failures;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated, randomly corrupted and random inputs with an SGX v3 header reach the SGX
 * verifier; the only exception it may throw is an AttestationException, and it never accepts
 * them. Seeded, so a failure reproduces.
 */
class SgxRobustnessTest {
  private static void reject(Failures failures, String name, byte[] input, VerificationRequest request) {
    SgxVerifier verifier = verifier();
    failures.check(name, () -> {
      try {
        verifier.verify(Evidence.of(Platform.SGX, input), request);
      } catch (AttestationException expected) {
        return;
      } catch (Exception | Error other) {
        throw new AssertionError("unexpected " + other.getClass().getName(), other);
      }
      throw new AssertionError("accepted");
    });
  }

  @Test
  void truncatedQuote_isRejectedCleanly() {
    byte[] whole = quote();
    VerificationRequest request = request(null);
    Failures failures = new Failures();
    for (int length = 1; length < whole.length; length += 7) {
      reject(failures, "[0:" + length + "]", Arrays.copyOf(whole, length), request);
    }
    failures.assertNone(whole.length / 7);
  }

  @Test
  void randomCorruption_isRejectedCleanly() throws Exception {
    byte[] whole = quote();
    VerificationRequest request = request(collateral());
    Random random = new Random(20261203);
    Failures failures = new Failures();
    for (int i = 0; i < 300; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = whole.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          input[random.nextInt(input.length)] = (byte) random.nextInt(256);
        }
        if (Arrays.equals(input, whole)) {
          continue;
        }
      } else {
        input = new byte[1 + random.nextInt(5000)];
        random.nextBytes(input);
        System.arraycopy(whole, 0, input, 0, Math.min(48, input.length));
      }
      reject(failures, "input " + i, input, request);
    }
    failures.assertNone(290);
  }
}
