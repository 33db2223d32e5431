package dev.castellan.log.internal;

import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPublicKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaVerifier;
import dev.castellan.core.signature.Ed25519PublicKey;
import dev.castellan.core.signature.Ed25519Verifier;
import dev.castellan.core.signature.PublicKeyVerify;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;

/**
 * Verification of a record's signature from the SubjectPublicKeyInfo in its {@code pubkey}:
 * Ed25519 (RFC 8032, signature over the data itself, as {@code openssl pkeyutl -verify
 * -rawin}) or ECDSA P-256 with SHA-256 and a DER signature (as {@code openssl dgst -sha256
 * -verify}). Any other key is refused.
 */
public final class RecordSignatures {
  /** SPKI DER of an Ed25519 key: this 12-byte prefix, then the 32-byte key (RFC 8410). */
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private RecordSignatures() {}

  /** Throws unless {@code signature} is valid for {@code data} under {@code spki}. */
  public static void verify(byte[] spki, byte[] data, byte[] signature) throws GeneralSecurityException {
    verifier(spki).verify(signature, data);
  }

  /** The verifier of an Ed25519 or ECDSA P-256 SubjectPublicKeyInfo; any other key is refused. */
  public static PublicKeyVerify verifier(byte[] spki) throws GeneralSecurityException {
    return isEd25519(spki)
        ? Ed25519Verifier.create(Ed25519PublicKey.fromSpkiDer(spki))
        : EcdsaVerifier.create(ecdsaP256(spki), EcdsaSignatureEncoding.DER);
  }

  /** Decodes an SPKI that MUST be an EC key on P-256. */
  public static EcdsaPublicKey ecdsaP256(byte[] spki) throws GeneralSecurityException {
    EcdsaPublicKey key;
    try {
      key = EcdsaPublicKey.fromSpkiDer(spki);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidKeyException("record public key is neither Ed25519 nor ECDSA P-256");
    }
    if (key.curve() != EcdsaCurve.P_256) {
      throw new InvalidKeyException("record EC key is not on P-256");
    }
    return key;
  }

  private static boolean isEd25519(byte[] spki) {
    return spki.length == ED25519_SPKI_PREFIX.length + Ed25519PublicKey.LENGTH
        && Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length);
  }
}
