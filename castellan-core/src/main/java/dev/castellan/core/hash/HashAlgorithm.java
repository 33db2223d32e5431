package dev.castellan.core.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digests Castellan uses, with their output lengths and multihash codes
 * (multiformats table: sha2-256 0x12, sha2-384 0x20, sha2-512 0x13, sha3-512 0x14).
 * Every JDK 25 provides all four (SHA3 since JDK 9), so creating one cannot fail.
 */
public enum HashAlgorithm {
  SHA_256("SHA-256", 32, 0x12),
  SHA_384("SHA-384", 48, 0x20),
  SHA_512("SHA-512", 64, 0x13),
  SHA3_512("SHA3-512", 64, 0x14);

  private final String jcaName;
  private final int length;
  private final int multihashCode;

  HashAlgorithm(String jcaName, int length, int multihashCode) {
    this.jcaName = jcaName;
    this.length = length;
    this.multihashCode = multihashCode;
  }

  /** The digest of the concatenation of {@code parts}. */
  public byte[] hash(byte[]... parts) {
    MessageDigest digest = newDigest();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** A fresh {@link MessageDigest}, for streaming large inputs. */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jcaName + ", which Java 25 guarantees", e);
    }
  }

  /** Output length in bytes. */
  public int length() {
    return length;
  }

  /** The JCA standard name, e.g. {@code SHA3-512}. */
  public String jcaName() {
    return jcaName;
  }

  /** The multihash function code. */
  public int multihashCode() {
    return multihashCode;
  }
}
