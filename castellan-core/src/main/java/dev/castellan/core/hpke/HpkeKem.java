package dev.castellan.core.hpke;

/**
 * The KEMs implemented, with their RFC 9180 §7.1 identifiers and sizes. Both are DHKEMs whose
 * internal KDF is HKDF-SHA256, whatever the suite's {@link HpkeKdf}.
 */
public enum HpkeKem {
  /** DHKEM(P-256, HKDF-SHA256), 0x0010: 65-octet uncompressed public keys and enc. */
  DHKEM_P256_HKDF_SHA256(0x0010, 32, 65, 32),
  /** DHKEM(X25519, HKDF-SHA256), 0x0020: 32-octet keys and enc. */
  DHKEM_X25519_HKDF_SHA256(0x0020, 32, 32, 32);

  private final int id;
  private final int sharedSecretLength;
  private final int publicKeyLength;
  private final int privateKeyLength;

  HpkeKem(int id, int sharedSecretLength, int publicKeyLength, int privateKeyLength) {
    this.id = id;
    this.sharedSecretLength = sharedSecretLength;
    this.publicKeyLength = publicKeyLength;
    this.privateKeyLength = privateKeyLength;
  }

  /** kem_id. */
  public int id() {
    return id;
  }

  /** Nsecret. */
  public int sharedSecretLength() {
    return sharedSecretLength;
  }

  /** Npk, which is also Nenc for these KEMs. */
  public int publicKeyLength() {
    return publicKeyLength;
  }

  /** Nsk. */
  public int privateKeyLength() {
    return privateKeyLength;
  }
}
