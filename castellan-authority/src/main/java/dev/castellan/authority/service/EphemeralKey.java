package dev.castellan.authority.service;

import dev.castellan.core.cbor.CborMap;
import dev.castellan.core.cbor.CborValue;
import dev.castellan.core.hpke.Hpke;
import dev.castellan.core.hpke.HpkeException;
import dev.castellan.core.hpke.HpkeKem;
import dev.castellan.core.hpke.HpkePrivateKey;
import dev.castellan.core.hpke.HpkePublicKey;
import dev.castellan.core.hpke.HpkeSuite;
import dev.castellan.core.hpke.SealedMessage;
import dev.castellan.tokens.envelope.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ephemeral key of seed 004's {@code totp_validate_resp}: on {@code ok}, cryptod draws a
 * fresh 32-byte key for the console's session and encrypts it to the console's ephemeral
 * X25519 public key, which the request carries as {@code metadata["ephemeral_public_key"]}
 * (32 bytes; the schema has no field of its own for it). HPKE base mode (RFC 9180) with
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305; {@code info} is {@value #INFO},
 * the AAD is the request id (UTF-8), so a sealed key answers one request only. The field is
 * {@code enc (32 bytes) || ciphertext (48 bytes)}.
 */
public final class EphemeralKey {
  public static final String METADATA_KEY = "ephemeral_public_key";
  public static final String INFO = "castellan unlock ephemeral key v1";
  public static final int KEY_BYTES = 32;
  public static final HpkeSuite SUITE = HpkeSuite.X25519_SHA256_CHACHA20POLY1305;

  private EphemeralKey() {}

  /** The console's public key from request metadata, if it sent a valid one. */
  static Optional<HpkePublicKey> requested(Optional<CborMap> metadata) {
    if (metadata.isEmpty()) {
      return Optional.empty();
    }
    CborValue value = metadata.get().get(METADATA_KEY);
    try {
      return value == null ? Optional.empty()
          : Optional.of(HpkePublicKey.fromBytes(HpkeKem.DHKEM_X25519_HKDF_SHA256, value.asBytes()));
    } catch (HpkeException | dev.castellan.core.cbor.CborException e) {
      return Optional.empty(); // not a key: no ephemeral key is sent
    }
  }

  /** A fresh key sealed to {@code recipient} for {@code requestId}. */
  static ByteString seal(HpkePublicKey recipient, String requestId, SecureRandom random) throws HpkeException {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    try {
      SealedMessage sealed = Hpke.seal(SUITE, recipient, INFO.getBytes(StandardCharsets.UTF_8),
          requestId.getBytes(StandardCharsets.UTF_8), key);
      byte[] enc = sealed.enc();
      byte[] ciphertext = sealed.ciphertext();
      byte[] field = Arrays.copyOf(enc, enc.length + ciphertext.length);
      System.arraycopy(ciphertext, 0, field, enc.length, ciphertext.length);
      return ByteString.of(field);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The console's side: opens the field with its private key; the 32-byte key. */
  public static byte[] open(ByteString field, HpkePrivateKey recipient, String requestId) throws HpkeException {
    byte[] bytes = field.toByteArray();
    int encLength = HpkeKem.DHKEM_X25519_HKDF_SHA256.publicKeyLength(); // Nenc = Npk for DHKEM
    if (bytes.length != encLength + KEY_BYTES + 16) {
      throw new HpkeException("an ephemeral key field is " + (encLength + KEY_BYTES + 16) + " bytes, got " + bytes.length);
    }
    return Hpke.open(SUITE, Arrays.copyOf(bytes, encLength), recipient, INFO.getBytes(StandardCharsets.UTF_8),
        requestId.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(bytes, encLength, bytes.length));
  }
}
