package dev.castellan.attestation.simulator;

import java.security.GeneralSecurityException;

/**
 * An attempt to extend a locked PCR: the Nitro Secure Module answers {@code ExtendPCR} on a
 * locked index with {@code ReadOnlyIndex}. A lock lasts for the device's lifetime (one boot),
 * so this is never transient and retrying cannot succeed.
 */
public final class PcrLockedException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  private final int index;

  public PcrLockedException(int index) {
    super("PCR" + index + " is locked for this boot and can no longer be extended");
    this.index = index;
  }

  /** The locked PCR's index. */
  public int index() {
    return index;
  }
}
