package dev.castellan.core.cose;

import java.util.Locale;

/**
 * The COSE signature algorithms Castellan supports (RFC 9053 §2.1 and §2.2, IANA "COSE
 * Algorithms" registry), with the fixed length of their signatures.
 *
 * <p>ECDSA signatures in COSE are the raw concatenation {@code r || s}, each integer padded to
 * the byte length of the curve order (RFC 9053 §2.1), never DER. ES512, Ed448 and every other
 * algorithm are deliberately unsupported: {@link #fromId(long)} rejects them.
 */
public enum CoseAlgorithm {
  /** ECDSA over P-256 with SHA-256; signature 64 bytes. */
  ES256(-7, 64),
  /** ECDSA over P-384 with SHA-384; signature 96 bytes (AWS Nitro attestation documents). */
  ES384(-35, 96),
  /** EdDSA; Castellan supports only the Ed25519 curve, signature 64 bytes. */
  EDDSA(-8, 64);

  private final long id;
  private final int signatureLength;

  CoseAlgorithm(long id, int signatureLength) {
    this.id = id;
    this.signatureLength = signatureLength;
  }

  /** The IANA COSE algorithm identifier, the value of header parameter {@code alg} (label 1). */
  public long id() {
    return id;
  }

  /** The exact length in bytes of a signature made with this algorithm. */
  public int signatureLength() {
    return signatureLength;
  }

  /**
   * The algorithm with this IANA identifier.
   *
   * @throws CoseException "unsupported algorithm" for any identifier not listed here
   */
  public static CoseAlgorithm fromId(long id) throws CoseException {
    for (CoseAlgorithm algorithm : values()) {
      if (algorithm.id == id) {
        return algorithm;
      }
    }
    throw new CoseException(String.format(Locale.ROOT, "unsupported algorithm %d", id));
  }
}
