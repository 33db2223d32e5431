package dev.castellan.authority.totp;

import java.util.Optional;

/**
 * Encodes text as a QR code symbol (ISO/IEC 18004), for showing a key URI to an authenticator
 * app. Kept behind this interface so that an encoder library can replace ours.
 *
 * <p>Contract: returns the module matrix without the quiet zone, {@code modules[row][column]}
 * true for a dark module, square; or empty when the text does not fit the versions the
 * encoder supports. MUST NOT log or keep the text (it carries a secret).
 */
@FunctionalInterface
public interface QrEncoder {
  Optional<boolean[][]> encode(String text);

  /** An encoder that never produces a symbol: enrolment then says "no QR code". */
  static QrEncoder none() {
    return text -> Optional.empty();
  }
}
