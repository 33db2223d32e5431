package dev.castellan.authority.totp;

import java.io.IOException;

/** A persistent {@link TotpValidator} could not save its state: the attempt must not be answered. */
public final class TotpStateException extends IOException {
  private static final long serialVersionUID = 1L;

  TotpStateException(String message, IOException cause) {
    super(message, cause);
  }
}
