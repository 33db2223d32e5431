package dev.castellan.authority.totp;

/**
 * The HMAC functions RFC 6238 §1.2 allows for TOTP, with the secret length this package
 * generates for each: the HMAC's output size (RFC 4226 R6 asks for at least 128 bits and
 * recommends 160; RFC 6238's reference seeds are 20, 32 and 64 bytes).
 */
public enum TotpAlgorithm {
  /** HMAC-SHA-1, the RFC 4226 default and what most authenticator apps assume. */
  SHA1("HmacSHA1", 20),
  /** HMAC-SHA-256. */
  SHA256("HmacSHA256", 32),
  /** HMAC-SHA-512. */
  SHA512("HmacSHA512", 64);

  private final String macName;
  private final int secretLength;

  TotpAlgorithm(String macName, int secretLength) {
    this.macName = macName;
    this.secretLength = secretLength;
  }

  /** The JCA name of the MAC, e.g. {@code HmacSHA1}. */
  public String macName() {
    return macName;
  }

  /** Bytes of secret generated for this algorithm: 20, 32 or 64. */
  public int secretLength() {
    return secretLength;
  }

  /** The key URI's {@code algorithm} value: {@code SHA1}, {@code SHA256} or {@code SHA512}. */
  public String uriName() {
    return name();
  }
}
