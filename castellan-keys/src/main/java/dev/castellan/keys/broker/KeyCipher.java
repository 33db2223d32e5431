package dev.castellan.keys.broker;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a key's material: {@code nonce (12 random bytes) ‖ ciphertext ‖ tag (16)},
 * associated data {@link BrokerProtocol#encryptAad}. Random 96-bit nonces: at 2^32 messages per
 * key the collision chance stays below 2^-32 (NIST SP 800-38D §8.3), far beyond any use here.
 */
final class KeyCipher {
  static final int NONCE = 12;
  static final int TAG = 16;

  private KeyCipher() {}

  static byte[] seal(KeyState state, byte[] plaintext, SecureRandom random) throws BrokerException {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, state, nonce);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE + ciphertext.length).put(nonce).put(ciphertext).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is unavailable", e);
    }
  }

  /** The plaintext; a {@code broker.ciphertext} refusal if it was not sealed to this key. */
  static byte[] open(KeyState state, byte[] blob) throws BrokerException {
    if (blob == null || blob.length < NONCE + TAG || blob.length > KeyBroker.MAX_CIPHERTEXT) {
      throw new BrokerException(BrokerException.Kind.BAD_INPUT, "broker.ciphertext",
          "a ciphertext is " + (NONCE + TAG) + " to " + KeyBroker.MAX_CIPHERTEXT + " bytes");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, state, Arrays.copyOf(blob, NONCE));
      return cipher.doFinal(blob, NONCE, blob.length - NONCE);
    } catch (GeneralSecurityException e) {
      throw new BrokerException(BrokerException.Kind.BAD_INPUT, "broker.ciphertext",
          "the ciphertext was not made by this key (or was altered)");
    }
  }

  private static Cipher cipher(int mode, KeyState state, byte[] nonce) throws GeneralSecurityException {
    byte[] key = state.material().toByteArray();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
      cipher.updateAAD(BrokerProtocol.encryptAad(state.keyId()));
      return cipher;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
