package dev.castellan.core.internal.hpke;

import static dev.castellan.core.bytes.Bytes.concat;

import dev.castellan.core.hpke.HpkeSuite;
import java.util.Arrays;

/**
 * KeyScheduleS/KeyScheduleR of RFC 9180 §5.1 for the modes without a PSK (Base 0x00, Auth 0x02):
 * psk and psk_id are empty, so VerifyPSKInputs has nothing to check.
 */
public final class KeySchedule {
  public static final byte MODE_BASE = 0x00;
  public static final byte MODE_AUTH = 0x02;

  private KeySchedule() {}

  /** suite_id = "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2). */
  static byte[] suiteId(HpkeSuite suite) {
    int kem = suite.kem().id();
    int kdf = suite.kdf().id();
    int aead = suite.aead().id();
    return new byte[] {
      'H',
      'P',
      'K',
      'E',
      (byte) (kem >>> 8),
      (byte) kem,
      (byte) (kdf >>> 8),
      (byte) kdf,
      (byte) (aead >>> 8),
      (byte) aead
    };
  }

  /** The encryption context for {@code sharedSecret}: key, base_nonce, exporter_secret. */
  public static AeadContext derive(HpkeSuite suite, byte mode, byte[] sharedSecret, byte[] info) {
    Hkdf hkdf = Hkdf.SHA256; // the only KDF in HpkeKdf
    byte[] suiteId = suiteId(suite);
    byte[] empty = new byte[0];
    byte[] pskIdHash = hkdf.labeledExtract(suiteId, empty, "psk_id_hash", empty);
    byte[] infoHash = hkdf.labeledExtract(suiteId, empty, "info_hash", info);
    byte[] context = concat(new byte[] {mode}, pskIdHash, infoHash);
    byte[] secret = hkdf.labeledExtract(suiteId, sharedSecret, "secret", empty);
    try {
      byte[] key = hkdf.labeledExpand(suiteId, secret, "key", context, suite.aead().keyLength());
      byte[] baseNonce =
          hkdf.labeledExpand(suiteId, secret, "base_nonce", context, suite.aead().nonceLength());
      byte[] exporterSecret =
          hkdf.labeledExpand(suiteId, secret, "exp", context, hkdf.hashLength());
      return new AeadContext(suite.aead(), key, baseNonce, exporterSecret, suiteId, hkdf);
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(sharedSecret, (byte) 0);
    }
  }
}
