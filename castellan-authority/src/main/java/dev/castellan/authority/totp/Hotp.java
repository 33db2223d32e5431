package dev.castellan.authority.totp;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HOTP, RFC 4226 §5: {@code HOTP(K, C) = Truncate(HMAC(K, C)) mod 10^Digit}, with the counter
 * {@code C} as 8 bytes big-endian and the dynamic truncation of §5.3 (the low 4 bits of the last
 * MAC byte select 4 bytes, whose top bit is masked off). RFC 6238 §1.2 allows HMAC-SHA-256 and
 * HMAC-SHA-512 in place of HMAC-SHA-1; the truncation is the same.
 *
 * <p>The code is produced as ASCII digits with leading zeros, digit by digit without
 * formatting or branching on the value, so that callers can compare it in constant time.
 */
public final class Hotp {
  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private Hotp() {}

  /**
   * The {@code digits}-digit HOTP value for {@code counter} under {@code key}, as ASCII digits.
   *
   * @throws IllegalArgumentException if {@code digits} is not 6..8 or the key is empty
   */
  public static byte[] generate(TotpAlgorithm algorithm, byte[] key, long counter, int digits) {
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("HOTP values have 6 to 8 digits, not " + digits);
    }
    byte[] mac = hmac(algorithm, key, counter);
    int offset = mac[mac.length - 1] & 0x0f;
    int binary =
        (mac[offset] & 0x7f) << 24
            | (mac[offset + 1] & 0xff) << 16
            | (mac[offset + 2] & 0xff) << 8
            | (mac[offset + 3] & 0xff);
    int value = binary % POWERS_OF_TEN[digits];
    byte[] code = new byte[digits];
    for (int i = digits - 1; i >= 0; i--) {
      code[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    Arrays.fill(mac, (byte) 0);
    return code;
  }

  private static byte[] hmac(TotpAlgorithm algorithm, byte[] key, long counter) {
    if (key.length == 0) {
      throw new IllegalArgumentException("HOTP key must not be empty");
    }
    byte[] message = new byte[8];
    for (int i = 7; i >= 0; i--) {
      message[i] = (byte) counter;
      counter >>>= 8;
    }
    try {
      Mac mac = Mac.getInstance(algorithm.macName());
      mac.init(new SecretKeySpec(key, algorithm.macName()));
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("the JDK cannot compute " + algorithm.macName(), e);
    }
  }
}
