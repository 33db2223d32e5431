package dev.castellan.core.hpke;

/** The KDFs implemented, with their RFC 9180 §7.2 identifiers. */
public enum HpkeKdf {
  /** HKDF-SHA256, 0x0001, Nh = 32. */
  HKDF_SHA256(0x0001, 32);

  private final int id;
  private final int hashLength;

  HpkeKdf(int id, int hashLength) {
    this.id = id;
    this.hashLength = hashLength;
  }

  /** kdf_id. */
  public int id() {
    return id;
  }

  /** Nh. */
  public int hashLength() {
    return hashLength;
  }
}
