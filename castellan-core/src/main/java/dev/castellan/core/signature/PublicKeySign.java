package dev.castellan.core.signature;

import java.security.GeneralSecurityException;

/**
 * Signs data with a private key held by this object.
 *
 * <p>Implementations MUST NOT expose the private key through {@code toString}, exceptions or
 * logs, and MUST be safe for concurrent use.
 */
public interface PublicKeySign {
  /**
   * Signs {@code data} and returns the signature in the encoding of the scheme (documented on
   * each implementation).
   */
  byte[] sign(byte[] data) throws GeneralSecurityException;
}
