package dev.castellan.keys.tpm;

import dev.castellan.core.bytes.Hex;
import dev.castellan.keys.UnsealException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compares the PCR values a blob was sealed to with the TPM's current ones, to name the PCRs
 * that changed. The TPM enforces the policy either way; this only makes the refusal precise.
 * PCR values are public (anyone can read them), so they may appear in the message.
 */
final class PcrChanges {
  private PcrChanges() {}

  /** Throws "the PCR policy no longer matches: PCR n changed since sealing (...)" unless every PCR is as sealed. */
  static void requireUnchanged(TpmSealedBlob blob, byte[] current) throws UnsealException {
    List<String> changed = new ArrayList<>();
    List<Integer> indices = blob.pcrs().indices();
    for (int i = 0; i < indices.size(); i++) {
      byte[] sealed = blob.pcrValue(indices.get(i));
      byte[] now = Arrays.copyOfRange(current, i * PcrPolicy.DIGEST_SIZE, (i + 1) * PcrPolicy.DIGEST_SIZE);
      if (!MessageDigest.isEqual(sealed, now)) {
        changed.add(String.format(Locale.ROOT, "PCR %d changed since sealing (sealed sha256:%s, now sha256:%s)",
            indices.get(i), Hex.encode(sealed), Hex.encode(now)));
      }
    }
    if (!changed.isEmpty()) {
      throw new UnsealException("the PCR policy no longer matches: " + String.join("; ", changed)
          + "; the TPM will not unseal this key");
    }
  }
}
