package dev.castellan.attestation.tpm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** The TPM_ALG_ID hash algorithms a quote may use (TPM 2.0 Library Part 2, table 9). */
enum TpmHash {
  SHA1(0x0004, "SHA-1", "SHA1", 20),
  SHA256(0x000b, "SHA-256", "SHA256", 32),
  SHA384(0x000c, "SHA-384", "SHA384", 48),
  SHA512(0x000d, "SHA-512", "SHA512", 64);

  final int algId;
  final String jcaDigest;
  final String jcaPrefix;
  final int size;

  TpmHash(int algId, String jcaDigest, String jcaPrefix, int size) {
    this.algId = algId;
    this.jcaDigest = jcaDigest;
    this.jcaPrefix = jcaPrefix;
    this.size = size;
  }

  static TpmHash of(int algId) throws TpmException {
    for (TpmHash hash : values()) {
      if (hash.algId == algId) {
        return hash;
      }
    }
    throw new TpmException(String.format(Locale.ROOT, "unsupported hash algorithm 0x%04x", algId));
  }

  byte[] digest(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance(jcaDigest);
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaDigest + " missing from the JDK", e);
    }
  }
}
