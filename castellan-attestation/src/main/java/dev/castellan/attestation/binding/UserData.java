package dev.castellan.attestation.binding;

import dev.castellan.core.bytes.ConstantTime;
import java.util.Arrays;

/**
 * The attestation user data of the oracle (nitriding's layout, seed 001): two multihash-
 * framed SHA-256 digests, {@code [0x12, 0x20, tlsKeyHash(32)] ‖ [0x12, 0x20, appKeyHash(32)]},
 * 68 bytes. {@code tlsKeyHash} binds the TLS key (SHA-256 of the TLS certificate's SubjectPublicKeyInfo); {@code
 * appKeyHash} binds the per-boot attestation key that signs every response.
 */
public record UserData(byte[] tlsKeyHash, byte[] appKeyHash) {
  public static final int LENGTH = 68;
  private static final byte SHA2_256 = 0x12;
  private static final byte DIGEST_LENGTH = 0x20;

  public UserData {
    if (tlsKeyHash.length != 32 || appKeyHash.length != 32) {
      throw new IllegalArgumentException("both hashes must be 32 bytes (SHA-256)");
    }
    tlsKeyHash = tlsKeyHash.clone();
    appKeyHash = appKeyHash.clone();
  }

  public byte[] encode() {
    byte[] out = new byte[LENGTH];
    out[0] = SHA2_256;
    out[1] = DIGEST_LENGTH;
    System.arraycopy(tlsKeyHash, 0, out, 2, 32);
    out[34] = SHA2_256;
    out[35] = DIGEST_LENGTH;
    System.arraycopy(appKeyHash, 0, out, 36, 32);
    return out;
  }

  /** Parses the 68-byte layout exactly; anything else is an error naming what is wrong. */
  public static UserData decode(byte[] data) {
    if (data.length != LENGTH) {
      throw new IllegalArgumentException("user data must be " + LENGTH + " bytes, got " + data.length);
    }
    if (data[0] != SHA2_256 || data[1] != DIGEST_LENGTH || data[34] != SHA2_256 || data[35] != DIGEST_LENGTH) {
      throw new IllegalArgumentException("user data is not two multihash sha2-256 digests");
    }
    return new UserData(Arrays.copyOfRange(data, 2, 34), Arrays.copyOfRange(data, 36, 68));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserData other
        && ConstantTime.equals(tlsKeyHash, other.tlsKeyHash)
        && ConstantTime.equals(appKeyHash, other.appKeyHash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tlsKeyHash) * 31 + Arrays.hashCode(appKeyHash);
  }

  @Override
  public byte[] tlsKeyHash() {
    return tlsKeyHash.clone();
  }

  @Override
  public byte[] appKeyHash() {
    return appKeyHash.clone();
  }
}
