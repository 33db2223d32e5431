package dev.castellan.keys.broker;

import dev.castellan.core.bytes.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the broker seals for one key with its own {@link dev.castellan.keys.Sealer}: the key
 * material, the digest of the policy file it goes with, the lock flag and a generation that
 * every administrative change increases. Sealed, so that neither the policy file nor the lock
 * can be changed outside the broker without the next load noticing; the generation and the
 * lock are also in the {@link DecisionLog}, so an old sealed copy (a rollback) is noticed too.
 *
 * <p>Encoding (before sealing): {@code "CBK1" ‖ u8 len ‖ key id (ASCII) ‖ policy digest (32) ‖
 * u8 locked (0/1) ‖ u64 generation (big-endian) ‖ material (32)}.
 */
public record KeyState(String keyId, SecretBytes material, byte[] policyDigest, boolean locked, long generation) {
  public static final int MATERIAL_BYTES = 32;
  private static final byte[] MAGIC = "CBK1".getBytes(StandardCharsets.US_ASCII);

  public KeyState {
    Objects.requireNonNull(keyId, "keyId");
    if (material.size() != MATERIAL_BYTES || policyDigest.length != 32 || generation < 1) {
      throw new IllegalArgumentException("key state needs 32 bytes of material, a SHA-256 digest and generation >= 1");
    }
    policyDigest = policyDigest.clone();
  }

  @Override
  public byte[] policyDigest() {
    return policyDigest.clone();
  }

  /** The next generation of this key with another policy digest and lock flag. */
  public KeyState next(byte[] digest, boolean lock) {
    return new KeyState(keyId, material, digest, lock, generation + 1);
  }

  /** The plaintext to seal; the caller clears it after sealing. */
  byte[] encode() {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] key = material.toByteArray();
    try {
      return ByteBuffer.allocate(MAGIC.length + 1 + id.length + 32 + 1 + 8 + MATERIAL_BYTES)
          .put(MAGIC).put((byte) id.length).put(id).put(policyDigest).put((byte) (locked ? 1 : 0))
          .putLong(generation).put(key).array();
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Reads {@link #encode()}'s bytes; anything else is a {@code broker.state} refusal. */
  static KeyState decode(byte[] bytes) throws BrokerException {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      int idLength = Byte.toUnsignedInt(in.get());
      if (!Arrays.equals(magic, MAGIC) || bytes.length != MAGIC.length + 1 + idLength + 32 + 1 + 8 + MATERIAL_BYTES) {
        throw malformed();
      }
      byte[] id = new byte[idLength];
      in.get(id);
      byte[] digest = new byte[32];
      in.get(digest);
      int locked = in.get();
      long generation = in.getLong();
      byte[] key = new byte[MATERIAL_BYTES];
      in.get(key);
      try {
        if (locked != 0 && locked != 1 || generation < 1) {
          throw malformed();
        }
        return new KeyState(KeyIds.require(new String(id, StandardCharsets.US_ASCII)), SecretBytes.copyOf(key), digest,
            locked == 1, generation);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw malformed();
    }
  }

  private static BrokerException malformed() {
    return new BrokerException(BrokerException.Kind.UNAVAILABLE, "broker.state", "the sealed key state is malformed");
  }

  @Override
  public String toString() {
    return "KeyState[" + keyId + ", generation " + generation + (locked ? ", locked" : "") + ", material redacted]";
  }
}
