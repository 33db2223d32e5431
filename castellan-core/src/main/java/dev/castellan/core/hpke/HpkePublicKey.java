package dev.castellan.core.hpke;

import dev.castellan.core.bytes.Hex;
import dev.castellan.core.internal.hpke.Dhkem;
import java.util.Arrays;
import java.util.Objects;

/**
 * An HPKE public key of one {@link HpkeKem}, in SerializePublicKey form, immutable. It exists only
 * after {@link #fromBytes} has validated it (RFC 9180 §7.1.1, §7.1.4): 32 octets for X25519; for
 * P-256 a 65-octet uncompressed point that MUST lie on the curve.
 */
public final class HpkePublicKey {
  private final HpkeKem kem;
  private final byte[] encoded;

  private HpkePublicKey(HpkeKem kem, byte[] encoded) {
    this.kem = kem;
    this.encoded = encoded;
  }

  /**
   * DeserializePublicKey with validation.
   *
   * @throws HpkeException when {@code encoded} is not a valid public key for {@code kem}
   */
  public static HpkePublicKey fromBytes(HpkeKem kem, byte[] encoded) throws HpkeException {
    Objects.requireNonNull(kem, "kem");
    byte[] copy = encoded.clone();
    Dhkem.of(kem).validatePublicKey(copy);
    return new HpkePublicKey(kem, copy);
  }

  public HpkeKem kem() {
    return kem;
  }

  /** SerializePublicKey, a fresh copy. */
  public byte[] toBytes() {
    return encoded.clone();
  }

  byte[] encoded() {
    return encoded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HpkePublicKey other
        && kem == other.kem
        && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return 31 * kem.hashCode() + Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "HpkePublicKey[" + kem + ", " + Hex.encode(encoded) + "]";
  }
}
