package dev.castellan.core.hpke;

import java.util.Objects;

/**
 * An HPKE ciphersuite (RFC 9180 §5.1): KEM, KDF and AEAD. Sender and recipient MUST agree on it in
 * advance; it is bound into every key derived (suite_id), so a mismatch fails to open.
 */
public record HpkeSuite(HpkeKem kem, HpkeKdf kdf, HpkeAead aead) {
  /** DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305. */
  public static final HpkeSuite X25519_SHA256_CHACHA20POLY1305 =
      new HpkeSuite(
          HpkeKem.DHKEM_X25519_HKDF_SHA256, HpkeKdf.HKDF_SHA256, HpkeAead.CHACHA20_POLY1305);

  /**
   * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM: the key broker's wrapping suite
   * (docs/broker.md).
   */
  public static final HpkeSuite X25519_SHA256_AES256GCM =
      new HpkeSuite(HpkeKem.DHKEM_X25519_HKDF_SHA256, HpkeKdf.HKDF_SHA256, HpkeAead.AES_256_GCM);

  /** DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM. */
  public static final HpkeSuite P256_SHA256_AES128GCM =
      new HpkeSuite(HpkeKem.DHKEM_P256_HKDF_SHA256, HpkeKdf.HKDF_SHA256, HpkeAead.AES_128_GCM);

  public HpkeSuite {
    Objects.requireNonNull(kem, "kem");
    Objects.requireNonNull(kdf, "kdf");
    Objects.requireNonNull(aead, "aead");
  }
}
