package dev.castellan.keys.broker;

import dev.castellan.attestation.Freshness;
import dev.castellan.attestation.Platform;
import dev.castellan.core.hash.HashAlgorithm;
import dev.castellan.core.hpke.HpkeSuite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bytes both sides of the release protocol compute (docs/broker.md, "The protocol"), in
 * one place: the broker and {@code BrokerSealer} must agree on every one of them.
 */
public final class BrokerProtocol {
  /** The wrapping suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, base mode. */
  public static final HpkeSuite SUITE = HpkeSuite.X25519_SHA256_AES256GCM;
  public static final int NONCE_BYTES = 32;
  public static final Duration CHALLENGE_LIFETIME = Duration.ofSeconds(60);
  /** Length of {@link #binding}: the size of SEV-SNP and TDX REPORT_DATA. */
  public static final int BINDING_BYTES = 64;
  public static final int EPHEMERAL_KEY_BYTES = 32;
  /** HPKE {@code info} of a release answer (the key material). */
  public static final byte[] RELEASE_INFO = ascii("castellan broker release v1");
  /** HPKE {@code info} of a decrypt answer (the plaintext). */
  public static final byte[] DECRYPT_INFO = ascii("castellan broker decrypt v1");

  private static final byte[] BINDING_DOMAIN = ascii("castellan broker binding v1");

  private BrokerProtocol() {}

  /**
   * What the evidence's nonce or report data must be: {@code SHA-512("castellan broker binding
   * v1" ‖ 0x00 ‖ nonce (32) ‖ ephemeral X25519 public key (32))}, 64 bytes. Binding the key
   * as well as the nonce means the answer can only be opened by the code the evidence is
   * about, not by whoever relays the evidence.
   */
  public static byte[] binding(byte[] nonce, byte[] ephemeralPublicKey) {
    if (nonce.length != NONCE_BYTES || ephemeralPublicKey.length != EPHEMERAL_KEY_BYTES) {
      throw new IllegalArgumentException("binding needs a 32-byte nonce and a 32-byte X25519 key");
    }
    return HashAlgorithm.SHA_512.hash(BINDING_DOMAIN, new byte[] {0}, nonce, ephemeralPublicKey);
  }

  /**
   * Where each platform carries the binding: its nonce field where it has a free one (Nitro
   * {@code nonce}, TPM {@code extraData}), else REPORT_DATA (SEV-SNP, TDX, SGX).
   */
  public static Freshness freshness(Platform platform, byte[] binding) {
    return switch (platform) {
      case NITRO, TPM, GPU -> Freshness.nonce(binding);
      case SEV_SNP, TDX, SGX -> Freshness.reportData(binding);
    };
  }

  /**
   * HPKE associated data of an answer: {@code u8 len(key id) ‖ key id (ASCII) ‖ policy digest
   * (32)}. An answer opens only for the key and the exact policy the broker appraised under.
   */
  public static byte[] answerAad(String keyId, byte[] policyDigest) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(1 + id.length + policyDigest.length).put((byte) id.length).put(id).put(policyDigest).array();
  }

  /** AES-GCM associated data of {@code encrypt}: the key id's ASCII bytes. */
  public static byte[] encryptAad(String keyId) {
    return keyId.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
