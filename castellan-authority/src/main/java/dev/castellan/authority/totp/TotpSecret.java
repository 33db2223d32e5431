package dev.castellan.authority.totp;

import dev.castellan.core.bytes.Base32;

import dev.castellan.core.bytes.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A TOTP shared secret ({@code K} of RFC 4226) and the algorithm it is for. It never prints
 * its bytes ({@link #toString} is redacted), hashes to a constant and compares only in
 * constant time; the bytes leave it only for the HMAC, for sealing and, once, for the
 * enrolment key URI.
 */
public final class TotpSecret {
  /** RFC 4226 R6: at least 128 bits. */
  public static final int MIN_LENGTH = 16;

  /** Far above the 64 bytes generated for SHA-512; bounds what a sealed file may hold. */
  public static final int MAX_LENGTH = 128;

  private final TotpAlgorithm algorithm;
  private final SecretBytes bytes;

  private TotpSecret(TotpAlgorithm algorithm, SecretBytes bytes) {
    this.algorithm = algorithm;
    this.bytes = bytes;
  }

  /** A new secret of {@link TotpAlgorithm#secretLength()} bytes from {@code random}. */
  public static TotpSecret generate(TotpAlgorithm algorithm, SecureRandom random) {
    byte[] fresh = new byte[algorithm.secretLength()];
    random.nextBytes(fresh);
    try {
      return new TotpSecret(algorithm, SecretBytes.copyOf(fresh));
    } finally {
      Arrays.fill(fresh, (byte) 0);
    }
  }

  /**
   * An existing secret (e.g. one just unsealed); the holder is taken over.
   *
   * @throws IllegalArgumentException if its length is outside {@value #MIN_LENGTH}..{@value
   *     #MAX_LENGTH} bytes (the message carries the length only)
   */
  public static TotpSecret of(TotpAlgorithm algorithm, SecretBytes bytes) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (bytes.size() < MIN_LENGTH || bytes.size() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a TOTP secret is " + MIN_LENGTH + ".." + MAX_LENGTH + " bytes, not " + bytes.size());
    }
    return new TotpSecret(algorithm, bytes);
  }

  public TotpAlgorithm algorithm() {
    return algorithm;
  }

  public int length() {
    return bytes.size();
  }

  /** The code for HOTP counter {@code counter}, as ASCII digits. */
  byte[] code(long counter, int digits) {
    byte[] key = bytes.toByteArray();
    try {
      return Hotp.generate(algorithm, key, counter, digits);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The secret for sealing; the caller wipes or destroys it. */
  SecretBytes secretBytes() {
    return bytes.duplicate();
  }

  /** The unpadded base32 form, for the key URI only. */
  String base32() {
    byte[] key = bytes.toByteArray();
    try {
      return Base32.encodeUpperCase(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Wipes the held bytes; the secret is useless afterwards. */
  public void destroy() {
    bytes.destroy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TotpSecret other && algorithm == other.algorithm && bytes.equalsSecretBytes(other.bytes);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode();
  }

  @Override
  public String toString() {
    return "TotpSecret[" + algorithm + ", " + bytes.size() + " bytes, redacted]";
  }
}
