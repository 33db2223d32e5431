package dev.castellan.core.signature;

import java.security.GeneralSecurityException;

/**
 * Verifies signatures against one public key.
 *
 * <p>Verification throws rather than returning a boolean, so that a forgotten check cannot
 * fail silently. Implementations MUST reject malformed signatures (wrong length, values out
 * of range, non-canonical encodings) with the same exception type as a wrong signature, and
 * MUST be safe for concurrent use.
 */
public interface PublicKeyVerify {
  /**
   * Returns normally only if {@code signature} is a valid signature of {@code data}.
   *
   * @throws GeneralSecurityException (usually {@link java.security.SignatureException}) if it
   *     is not
   */
  void verify(byte[] signature, byte[] data) throws GeneralSecurityException;
}
