package dev.castellan.core.internal.cose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.castellan.core.cbor.Cbor;
import dev.castellan.core.cbor.CborValue;
import org.junit.jupiter.api.Test;

/** The hand-written Sig_structure encoder equals the generic deterministic encoder at every length class. */
class SigStructureTest {
  @Test
  void sign1_everyLengthHeadSize_equalsGenericEncoder() {
    for (int length : new int[] {0, 1, 23, 24, 255, 256, 65535, 65536, 70000}) {
      byte[] protectedBytes = filled(Math.min(length, 300), 1);
      byte[] aad = filled(length % 100, 2);
      byte[] payload = filled(length, 3);
      byte[] expected =
          Cbor.encode(
              CborValue.array(CborValue.of("Signature1"), CborValue.of(protectedBytes), CborValue.of(aad), CborValue.of(payload)));
      assertThat(SigStructure.sign1(protectedBytes, aad, payload)).as("length %d", length).isEqualTo(expected);
    }
  }

  private static byte[] filled(int length, int value) {
    byte[] out = new byte[length];
    java.util.Arrays.fill(out, (byte) value);
    return out;
  }
}
