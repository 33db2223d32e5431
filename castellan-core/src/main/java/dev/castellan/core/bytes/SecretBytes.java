package dev.castellan.core.bytes;

import java.util.Arrays;

/**
 * An immutable holder for secret key material. It never prints its contents, hashes to a
 * constant, and compares only in constant time, so a secret cannot leak through a log
 * line, an exception message or a timing side channel by accident. Callers that need the
 * bytes ask for a copy explicitly with {@link #toByteArray()}.
 */
public final class SecretBytes {
  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; the caller may wipe its array afterwards. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /**
   * A new holder with the same secret, for handing out: the receiver may {@link #destroy} it
   * without affecting this one.
   */
  public SecretBytes duplicate() {
    return new SecretBytes(bytes.clone());
  }

  /** A fresh copy of the secret. The caller owns it and should wipe it when done. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** Constant-time equality of the contents. */
  public boolean equalsSecretBytes(SecretBytes other) {
    return ConstantTime.equals(bytes, other.bytes);
  }

  /** Overwrites the held bytes with zeros; the holder is useless afterwards. */
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretBytes other && equalsSecretBytes(other);
  }

  @Override
  public int hashCode() {
    return 0x5ec2e7; // deliberately constant: a hash of a secret is a leak
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
