package dev.castellan.core.smt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer fuzz test of the proof decoder, the one SMT input that comes from outside (an agent
 * hands proofs to {@code verify-vm}): any input MUST decode or throw {@link SmtProofException};
 * a decoded proof MUST encode back to exactly the input (one encoding per proof), and
 * verifying it MUST answer, never throw. In a normal build Jazzer runs in regression mode;
 * {@code .ci/run} fuzzes it for a bounded time.
 */
class SmtProofFuzzTest {
  private static final byte[] ROOT = new byte[32];
  private static final byte[] KEY = new byte[32];

  static {
    Arrays.fill(ROOT, (byte) 0x5a);
    Arrays.fill(KEY, (byte) 0xa5);
  }

  @FuzzTest(maxDuration = "30s")
  void decode(byte[] input) {
    SmtProof proof;
    try {
      proof = SmtProof.decode(input);
    } catch (SmtProofException expected) {
      return;
    }
    if (!Arrays.equals(proof.encode(), input)) {
      throw new AssertionError("a decoded proof does not encode back to its input");
    }
    if (proof.computeRoot(KEY, null).length != 32) {
      throw new AssertionError("a computed root is not 32 bytes");
    }
    proof.verifiesMembership(ROOT, KEY, ROOT);
    proof.verifiesNonMembership(ROOT, KEY);
  }
}
