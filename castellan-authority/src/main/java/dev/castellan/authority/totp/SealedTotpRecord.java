package dev.castellan.authority.totp;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.keys.UnsealException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The plaintext that is sealed for one operator: {@code "CTOTP1" ‖ algorithm (1 byte: 1 SHA-1,
 * 2 SHA-256, 3 SHA-512) ‖ id length (1) ‖ operator id (ASCII) ‖ secret}. The sealer
 * authenticates all of it, so the id and algorithm cannot be changed without the tag failing.
 */
final class SealedTotpRecord {
  private static final byte[] MAGIC = "CTOTP1".getBytes(StandardCharsets.US_ASCII);

  private SealedTotpRecord() {}

  static SecretBytes frame(String operatorId, TotpSecret secret) {
    byte[] id = operatorId.getBytes(StandardCharsets.US_ASCII);
    SecretBytes copy = secret.secretBytes();
    byte[] key = copy.toByteArray();
    copy.destroy();
    byte[] record = ByteBuffer.allocate(MAGIC.length + 2 + id.length + key.length)
        .put(MAGIC).put((byte) (secret.algorithm().ordinal() + 1)).put((byte) id.length).put(id).put(key).array();
    try {
      return SecretBytes.copyOf(record);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(record, (byte) 0);
    }
  }

  /** The secret in {@code record}, if it is for {@code operatorId} and {@code algorithm}; the holder is destroyed. */
  static TotpSecret open(SecretBytes record, String operatorId, TotpAlgorithm algorithm, String fileName)
      throws UnsealException {
    byte[] bytes = record.toByteArray();
    record.destroy();
    try {
      byte[] id = operatorId.getBytes(StandardCharsets.US_ASCII);
      int header = MAGIC.length + 2 + id.length;
      int secretLength = bytes.length - header;
      if (bytes.length < header || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        throw new UnsealException(fileName + " does not hold a TOTP secret");
      }
      if ((bytes[MAGIC.length + 1] & 0xff) != id.length
          || !Arrays.equals(bytes, MAGIC.length + 2, header, id, 0, id.length)) {
        throw new UnsealException(fileName + " holds the TOTP secret of another operator");
      }
      if (bytes[MAGIC.length] != algorithm.ordinal() + 1) {
        throw new UnsealException(fileName + " holds a TOTP secret for another algorithm than " + algorithm);
      }
      if (secretLength < TotpSecret.MIN_LENGTH || secretLength > TotpSecret.MAX_LENGTH) {
        throw new UnsealException(fileName + " holds a TOTP secret of a bad length");
      }
      byte[] key = Arrays.copyOfRange(bytes, header, bytes.length);
      try {
        return TotpSecret.of(algorithm, SecretBytes.copyOf(key));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
