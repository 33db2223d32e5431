package dev.castellan.authority.totp;

import java.io.IOException;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The result of enrolling an operator: the key URI and, where it fits, a terminal QR code of
 * it, shown exactly once through {@link #showTo}. It never prints itself ({@link #toString} is
 * redacted) and forgets the URI after showing it.
 */
public final class Enrolment {
  private final String operatorId;
  private char[] keyUri;
  private final Optional<String> qrCode;

  Enrolment(String operatorId, String keyUri, Optional<String> qrCode) {
    this.operatorId = operatorId;
    this.keyUri = keyUri.toCharArray();
    this.qrCode = qrCode;
  }

  public String operatorId() {
    return operatorId;
  }

  /** Whether a QR code will be shown. */
  public boolean hasQrCode() {
    return qrCode.isPresent();
  }

  /**
   * Writes the key URI, then the QR code or the line {@code no QR code}, and forgets the URI.
   *
   * @throws IllegalStateException if it was shown before
   */
  public synchronized void showTo(Appendable out) throws IOException {
    if (keyUri == null) {
      throw new IllegalStateException("the enrolment of " + operatorId + " was already shown");
    }
    try {
      out.append(CharBuffer.wrap(keyUri)).append('\n');
      out.append(qrCode.orElse("no QR code\n"));
    } finally {
      Arrays.fill(keyUri, '\0');
      keyUri = null;
    }
  }

  @Override
  public String toString() {
    return "Enrolment[" + operatorId + ", key URI redacted]";
  }
}
