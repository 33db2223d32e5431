package dev.castellan.core.vrf;

import java.security.GeneralSecurityException;

/** An ECVRF proof or public key that is malformed or does not verify. */
public final class VrfException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  public VrfException(String message) {
    super(message);
  }
}
