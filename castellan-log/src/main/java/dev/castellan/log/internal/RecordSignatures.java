package dev.castellan.log.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Verification of a record's signature from the SubjectPublicKeyInfo in its {@code pubkey}:
 * Ed25519 (RFC 8032, signature over the data itself, as {@code openssl pkeyutl -verify
 * -rawin}) or ECDSA P-256 with SHA-256 and a DER signature (as {@code openssl dgst -sha256
 * -verify}). Any other key is refused.
 */
public final class RecordSignatures {
  /** SPKI DER of an Ed25519 key is this 12-byte prefix then the 32-byte key (RFC 8410). */
  public static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private RecordSignatures() {}

  public static byte[] ed25519Spki(byte[] publicKey) {
    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + publicKey.length);
    System.arraycopy(publicKey, 0, spki, ED25519_SPKI_PREFIX.length, publicKey.length);
    return spki;
  }

  /** Throws unless {@code signature} is valid for {@code data} under {@code spki}. */
  public static void verify(byte[] spki, byte[] data, byte[] signature) throws GeneralSecurityException {
    if (spki.length == ED25519_SPKI_PREFIX.length + Ed25519.PUBLIC_KEY_LENGTH
        && Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
      byte[] key = Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
      if (!Ed25519.isValid(key, data, signature)) {
        throw new java.security.SignatureException("Ed25519 signature does not verify");
      }
      return;
    }
    PublicKey key = ecP256(spki);
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(data);
    boolean valid;
    try {
      valid = verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      valid = false; // malformed DER is the same failure as a wrong signature
    }
    if (!valid) {
      throw new java.security.SignatureException("ECDSA P-256 signature does not verify");
    }
  }

  /** Decodes an SPKI that MUST be an EC key on P-256. */
  public static PublicKey ecP256(byte[] spki) throws GeneralSecurityException {
    PublicKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new java.security.InvalidKeyException("record public key is neither Ed25519 nor EC");
    }
    if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
        || !ec.getParams().getOrder().equals(P256_ORDER)) {
      throw new java.security.InvalidKeyException("record EC key is not on P-256");
    }
    if (!Arrays.equals(key.getEncoded(), spki)) {
      throw new java.security.InvalidKeyException("record public key is not in canonical SPKI form");
    }
    return key;
  }

  private static final java.math.BigInteger P256_ORDER = new java.math.BigInteger(
      "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
}
