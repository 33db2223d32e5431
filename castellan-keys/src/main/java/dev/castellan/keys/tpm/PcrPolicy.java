package dev.castellan.keys.tpm;

import dev.castellan.core.hash.HashAlgorithm;
import java.nio.ByteBuffer;

/**
 * The policy digest of a single TPM2_PolicyPCR over SHA-256 PCRs, as the TPM computes it
 * (TPM 2.0 Library Part 3, 23.7): {@code policyDigest = SHA-256(0^32 ‖ TPM_CC_PolicyPCR ‖
 * TPML_PCR_SELECTION ‖ SHA-256(PCR values concatenated in ascending index order))}. A sealed
 * object's authPolicy equal to this digest can be unsealed only in a policy session whose
 * PolicyPCR saw exactly these values. Pure functions, no TPM.
 */
final class PcrPolicy {
  /** TPM_CC_PolicyPCR (Part 2, 6.5.2). */
  private static final int CC_POLICY_PCR = 0x0000017F;
  /** TPM_ALG_SHA256 (TCG Algorithm Registry). */
  static final int ALG_SHA256 = 0x000B;
  /** SHA-256 digest and PCR size. */
  static final int DIGEST_SIZE = 32;

  private PcrPolicy() {}

  /**
   * The policy digest for {@code selection} holding {@code values} ({@code 32 ×
   * selection.size()} bytes, ascending PCR order, as {@code tpm2_pcrread -o} writes them).
   */
  static byte[] digest(PcrSelection selection, byte[] values) {
    if (values.length != DIGEST_SIZE * selection.size()) {
      throw new IllegalArgumentException("expected " + DIGEST_SIZE * selection.size()
          + " bytes of PCR values, got " + values.length);
    }
    byte[] select = selection.bitmap();
    ByteBuffer pcrSelection = ByteBuffer.allocate(4 + 2 + 1 + select.length)
        .putInt(1).putShort((short) ALG_SHA256).put((byte) select.length).put(select);
    return HashAlgorithm.SHA_256.hash(new byte[DIGEST_SIZE], ByteBuffer.allocate(4).putInt(CC_POLICY_PCR).array(),
        pcrSelection.array(), HashAlgorithm.SHA_256.hash(values));
  }
}
