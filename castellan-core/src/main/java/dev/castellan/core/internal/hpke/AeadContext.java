package dev.castellan.core.internal.hpke;

import dev.castellan.core.hpke.HpkeAead;
import dev.castellan.core.hpke.HpkeException;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption context of RFC 9180 §5.2 and the secret export of §5.3: key, base_nonce,
 * exporter_secret and the sequence number. The AEADs are the JDK's (AES/GCM/NoPadding and
 * ChaCha20-Poly1305). Seal and open are synchronized: two threads sharing a context must never see
 * the same sequence number, because a repeated nonce breaks both AEADs.
 *
 * <p>Message limit: the sequence number is a {@code long} and the context refuses to seal or open
 * once it reaches 2^63 − 1, far below the RFC's 2^96 − 1 and far beyond any real use.
 */
public final class AeadContext {
  /** The largest sequence number that is never used: reaching it ends the context. */
  static final long SEQUENCE_LIMIT = Long.MAX_VALUE;

  private final HpkeAead aead;
  private final SecretKeySpec key;
  private final byte[] baseNonce;
  private final byte[] exporterSecret;
  private final byte[] suiteId;
  private final Hkdf hkdf;
  private long sequenceNumber;

  AeadContext(
      HpkeAead aead,
      byte[] key,
      byte[] baseNonce,
      byte[] exporterSecret,
      byte[] suiteId,
      Hkdf hkdf) {
    this.aead = aead;
    this.key = new SecretKeySpec(key, aead == HpkeAead.CHACHA20_POLY1305 ? "ChaCha20" : "AES");
    Arrays.fill(key, (byte) 0);
    this.baseNonce = baseNonce;
    this.exporterSecret = exporterSecret;
    this.suiteId = suiteId;
    this.hkdf = hkdf;
  }

  /** ContextS.Seal(aad, pt): encrypts under the next nonce. */
  public synchronized byte[] seal(byte[] aad, byte[] plaintext) throws HpkeException {
    Cipher cipher = cipher(Cipher.ENCRYPT_MODE);
    try {
      cipher.updateAAD(aad);
      byte[] ciphertext = cipher.doFinal(plaintext);
      sequenceNumber++;
      return ciphertext;
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw new HpkeException("AEAD seal failed", e);
    }
  }

  /**
   * ContextR.Open(aad, ct): the plaintext, or HpkeException when the tag does not verify. A failed
   * open does not advance the sequence number, and never releases any plaintext.
   */
  public synchronized byte[] open(byte[] aad, byte[] ciphertext) throws HpkeException {
    if (ciphertext.length < aead.tagLength()) {
      throw new HpkeException("ciphertext is shorter than the AEAD tag");
    }
    Cipher cipher = cipher(Cipher.DECRYPT_MODE);
    try {
      cipher.updateAAD(aad);
      byte[] plaintext = cipher.doFinal(ciphertext);
      sequenceNumber++;
      return plaintext;
    } catch (AEADBadTagException e) {
      throw new HpkeException("ciphertext fails to open: wrong key, nonce, aad or ciphertext");
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw new HpkeException("AEAD open failed", e);
    }
  }

  /** Context.Export(exporter_context, L) = LabeledExpand(exporter_secret, "sec", ctx, L). */
  public byte[] export(byte[] exporterContext, int length) throws HpkeException {
    if (length < 0 || length > 255 * hkdf.hashLength()) {
      throw new HpkeException(
          String.format(
              Locale.ROOT,
              "export length must be in [0, %d], got %d",
              255 * hkdf.hashLength(),
              length));
    }
    return hkdf.labeledExpand(suiteId, exporterSecret, "sec", exporterContext, length);
  }

  /**
   * Test seam: jumps to {@code sequenceNumber} (to reach sparse test-vector numbers, the limit).
   */
  public synchronized void setSequenceNumber(long sequenceNumber) {
    if (sequenceNumber < 0) {
      throw new IllegalArgumentException("sequence number must not be negative");
    }
    this.sequenceNumber = sequenceNumber;
  }

  private Cipher cipher(int mode) throws HpkeException {
    if (sequenceNumber >= SEQUENCE_LIMIT) {
      throw new HpkeException("HPKE context message limit reached: set up a new context");
    }
    // ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn); seq < 2^63 fills the last 8 octets.
    byte[] nonce = baseNonce.clone();
    for (int i = 0; i < Long.BYTES; i++) {
      nonce[nonce.length - 1 - i] ^= (byte) (sequenceNumber >>> (8 * i));
    }
    try {
      Cipher cipher = Cipher.getInstance(transformation());
      AlgorithmParameterSpec parameters =
          aead == HpkeAead.CHACHA20_POLY1305
              ? new IvParameterSpec(nonce)
              : new GCMParameterSpec(8 * aead.tagLength(), nonce);
      cipher.init(mode, key, parameters);
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new HpkeException("the JDK cannot provide " + transformation(), e);
    }
  }

  private String transformation() {
    return switch (aead) {
      case AES_128_GCM, AES_256_GCM -> "AES/GCM/NoPadding";
      case CHACHA20_POLY1305 -> "ChaCha20-Poly1305";
    };
  }
}
