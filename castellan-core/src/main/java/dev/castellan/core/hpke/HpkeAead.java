package dev.castellan.core.hpke;

/** The AEADs implemented, with their RFC 9180 §7.3 identifiers and sizes. */
public enum HpkeAead {
  /** AES-128-GCM, 0x0001: Nk = 16, Nn = 12, Nt = 16. */
  AES_128_GCM(0x0001, 16, 12, 16),
  /** AES-256-GCM, 0x0002: Nk = 32, Nn = 12, Nt = 16. */
  AES_256_GCM(0x0002, 32, 12, 16),
  /** ChaCha20Poly1305, 0x0003: Nk = 32, Nn = 12, Nt = 16. */
  CHACHA20_POLY1305(0x0003, 32, 12, 16);

  private final int id;
  private final int keyLength;
  private final int nonceLength;
  private final int tagLength;

  HpkeAead(int id, int keyLength, int nonceLength, int tagLength) {
    this.id = id;
    this.keyLength = keyLength;
    this.nonceLength = nonceLength;
    this.tagLength = tagLength;
  }

  /** aead_id. */
  public int id() {
    return id;
  }

  /** Nk. */
  public int keyLength() {
    return keyLength;
  }

  /** Nn. */
  public int nonceLength() {
    return nonceLength;
  }

  /** Nt. */
  public int tagLength() {
    return tagLength;
  }
}
