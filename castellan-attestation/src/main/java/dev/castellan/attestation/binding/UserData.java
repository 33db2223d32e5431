package dev.castellan.attestation.binding;

import dev.castellan.core.bytes.ConstantTime;
import java.util.Arrays;

/**
 * The attestation user data of the oracle (nitriding's layout, seed 001): multihash-framed
 * SHA-256 digests, {@code [0x12, 0x20, tlsKeyHash(32)] ‖ [0x12, 0x20, appKeyHash(32)]}, 68
 * bytes. {@code tlsKeyHash} binds the TLS key (SHA-256 of the TLS certificate's
 * SubjectPublicKeyInfo); {@code appKeyHash} binds the per-boot attestation key that signs
 * every response.
 *
 * <p>Behind the attesting reverse proxy an application may register its own key hash as
 * {@code appKeyHash} (nitriding's {@code POST /enclave/hash}); the attestation key's hash then
 * moves to a third digest, {@code ‖ [0x12, 0x20, attestationKeyHash(32)]}, 102 bytes, so that
 * nitriding clients still find the application's hash at bytes 36 to 68 and Castellan's
 * clients still find the key that signs the responses (docs/proxy.md). {@link
 * #attestationKeyHash()} is always that key's hash: in the 68-byte layout it is {@code
 * appKeyHash}.
 */
public record UserData(byte[] tlsKeyHash, byte[] appKeyHash, byte[] attestationKeyHash) {
  public static final int LENGTH = 68;
  /** The layout with the application's key hash in {@code appKeyHash} and the attestation key's after it. */
  public static final int LENGTH_WITH_APPLICATION_KEY = 102;
  private static final byte SHA2_256 = 0x12;
  private static final byte DIGEST_LENGTH = 0x20;

  public UserData {
    if (tlsKeyHash.length != 32 || appKeyHash.length != 32 || attestationKeyHash.length != 32) {
      throw new IllegalArgumentException("every hash must be 32 bytes (SHA-256)");
    }
    tlsKeyHash = tlsKeyHash.clone();
    appKeyHash = appKeyHash.clone();
    attestationKeyHash = attestationKeyHash.clone();
  }

  /** The oracle's own layout: {@code appKeyHash} is the attestation key's hash. */
  public UserData(byte[] tlsKeyHash, byte[] appKeyHash) {
    this(tlsKeyHash, appKeyHash, appKeyHash);
  }

  /** Whether {@code appKeyHash} is a key other than the attestation key (an application's). */
  public boolean hasApplicationKey() {
    return !ConstantTime.equals(appKeyHash, attestationKeyHash);
  }

  /** 68 bytes, or 102 when {@link #hasApplicationKey()}. */
  public byte[] encode() {
    boolean third = hasApplicationKey();
    byte[] out = new byte[third ? LENGTH_WITH_APPLICATION_KEY : LENGTH];
    put(out, 0, tlsKeyHash);
    put(out, 34, appKeyHash);
    if (third) {
      put(out, 68, attestationKeyHash);
    }
    return out;
  }

  private static void put(byte[] out, int offset, byte[] digest) {
    out[offset] = SHA2_256;
    out[offset + 1] = DIGEST_LENGTH;
    System.arraycopy(digest, 0, out, offset + 2, 32);
  }

  /**
   * Parses the 68- or 102-byte layout exactly; anything else is an error naming what is wrong.
   * A 102-byte layout whose last two digests are equal is refused: it has one encoding only.
   */
  public static UserData decode(byte[] data) {
    if (data.length != LENGTH && data.length != LENGTH_WITH_APPLICATION_KEY) {
      throw new IllegalArgumentException("user data must be " + LENGTH + " or " + LENGTH_WITH_APPLICATION_KEY
          + " bytes, got " + data.length);
    }
    for (int offset = 0; offset < data.length; offset += 34) {
      if (data[offset] != SHA2_256 || data[offset + 1] != DIGEST_LENGTH) {
        throw new IllegalArgumentException("user data is not multihash sha2-256 digests");
      }
    }
    byte[] app = Arrays.copyOfRange(data, 36, 68);
    byte[] attestation = data.length == LENGTH ? app : Arrays.copyOfRange(data, 70, 102);
    UserData decoded = new UserData(Arrays.copyOfRange(data, 2, 34), app, attestation);
    if (data.length == LENGTH_WITH_APPLICATION_KEY && !decoded.hasApplicationKey()) {
      throw new IllegalArgumentException("user data repeats the attestation key hash as the application's");
    }
    return decoded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserData other
        && ConstantTime.equals(tlsKeyHash, other.tlsKeyHash)
        && ConstantTime.equals(appKeyHash, other.appKeyHash)
        && ConstantTime.equals(attestationKeyHash, other.attestationKeyHash);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(tlsKeyHash) * 31 + Arrays.hashCode(appKeyHash)) * 31 + Arrays.hashCode(attestationKeyHash);
  }

  @Override
  public byte[] tlsKeyHash() {
    return tlsKeyHash.clone();
  }

  @Override
  public byte[] appKeyHash() {
    return appKeyHash.clone();
  }

  @Override
  public byte[] attestationKeyHash() {
    return attestationKeyHash.clone();
  }
}
