package dev.castellan.core.bytes;

import java.security.MessageDigest;

/**
 * Comparisons whose running time does not depend on where secret inputs differ. Use these
 * for MACs, tokens, digests and anything derived from a secret.
 */
public final class ConstantTime {
  private ConstantTime() {}

  /**
   * True when {@code a} and {@code b} have the same length and contents. The time taken
   * depends only on the lengths, never on the contents ({@link MessageDigest#isEqual} is
   * specified to be time-constant for equal lengths since JDK 6u17).
   */
  public static boolean equals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
