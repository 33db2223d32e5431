package dev.castellan.core.internal.hpke;

import static dev.castellan.core.bytes.Bytes.concat;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF (RFC 5869) over the JDK's HMAC, with the labelled forms of RFC 9180 §4: {@code
 * LabeledExtract} and {@code LabeledExpand} prefix every label with {@code "HPKE-v1"} and the
 * caller's suite_id, which separates the KEM's uses from the key schedule's.
 */
public final class Hkdf {
  private static final byte[] VERSION_LABEL = "HPKE-v1".getBytes(StandardCharsets.US_ASCII);

  private final String macAlgorithm;
  private final int hashLength;

  private Hkdf(String macAlgorithm, int hashLength) {
    this.macAlgorithm = macAlgorithm;
    this.hashLength = hashLength;
  }

  /** HKDF-SHA256, the only KDF of the suites implemented here (KDF id 0x0001, Nh = 32). */
  public static final Hkdf SHA256 = new Hkdf("HmacSHA256", 32);

  public int hashLength() {
    return hashLength;
  }

  /** HKDF-Extract(salt, ikm); an empty salt means Nh zero octets (RFC 5869 §2.2). */
  public byte[] extract(byte[] salt, byte[] ikm) {
    Mac mac = mac(salt.length == 0 ? new byte[hashLength] : salt);
    return mac.doFinal(ikm);
  }

  /** HKDF-Expand(prk, info, length), length ≤ 255·Nh. */
  public byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 0 || length > 255 * hashLength) {
      throw new IllegalArgumentException("HKDF output length must be in [0, 255*Nh]");
    }
    Mac mac = mac(prk);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    for (int offset = 0, counter = 1; offset < length; counter++) {
      mac.update(block);
      mac.update(info);
      mac.update((byte) counter);
      block = mac.doFinal();
      int n = Math.min(block.length, length - offset);
      System.arraycopy(block, 0, out, offset, n);
      offset += n;
    }
    return out;
  }

  /** LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm). */
  public byte[] labeledExtract(byte[] suiteId, byte[] salt, String label, byte[] ikm) {
    return extract(salt, concat(VERSION_LABEL, suiteId, ascii(label), ikm));
  }

  /**
   * LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label
   * || info, L).
   */
  public byte[] labeledExpand(byte[] suiteId, byte[] prk, String label, byte[] info, int length) {
    byte[] lengthPrefix = {(byte) (length >>> 8), (byte) length};
    return expand(prk, concat(lengthPrefix, VERSION_LABEL, suiteId, ascii(label), info), length);
  }

  private Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(macAlgorithm);
      mac.init(new SecretKeySpec(key, macAlgorithm));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(
          "the JDK lacks " + macAlgorithm + ", which Java 25 guarantees", e);
    }
  }

  private static byte[] ascii(String label) {
    return label.getBytes(StandardCharsets.US_ASCII);
  }
}
