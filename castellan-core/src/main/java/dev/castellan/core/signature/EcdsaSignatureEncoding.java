package dev.castellan.core.signature;

/**
 * How an ECDSA signature {@code (r, s)} is written.
 *
 * <ul>
 *   <li>{@link #DER}: {@code SEQUENCE { r INTEGER, s INTEGER }} (RFC 3279 section 2.2.3), the
 *       form of X.509, TLS and {@code openssl dgst}. Verifiers MUST accept only the one
 *       canonical DER encoding (minimal lengths and integers, no trailing bytes).
 *   <li>{@link #IEEE_P1363}: {@code r || s}, each left-padded to the curve's scalar length, the
 *       form of COSE (RFC 9053 section 2.1) and JOSE. Verifiers MUST reject any other length.
 * </ul>
 */
public enum EcdsaSignatureEncoding {
  DER,
  IEEE_P1363
}
