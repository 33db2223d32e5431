package dev.castellan.log;

import dev.castellan.core.bytes.SecretBytes;
import dev.castellan.core.signature.PublicKeySign;
import dev.castellan.log.internal.Ed25519;
import dev.castellan.log.internal.RecordSignatures;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Signs data into {@link LogRecord}s with one key: Ed25519 or ECDSA P-256 (SHA-256, DER
 * signatures), or any {@link PublicKeySign} whose signatures the record's verifier accepts
 * for the given SubjectPublicKeyInfo. Safe for concurrent use; never prints its key.
 */
public final class RecordSigner {
  private final PublicKeySign sign;
  private final byte[] publicKeyInfo;

  private RecordSigner(PublicKeySign sign, byte[] publicKeyInfo) {
    this.sign = sign;
    this.publicKeyInfo = publicKeyInfo.clone();
  }

  /** Any signer with the matching SubjectPublicKeyInfo (DER) of an Ed25519 or P-256 key. */
  public static RecordSigner of(PublicKeySign sign, byte[] publicKeyInfo) {
    return new RecordSigner(sign, publicKeyInfo);
  }

  /** Ed25519 from a 32-byte RFC 8032 seed. */
  public static RecordSigner ed25519(SecretBytes seed) throws GeneralSecurityException {
    if (seed.size() != Ed25519.SEED_LENGTH) {
      throw new java.security.InvalidKeyException("Ed25519 seed must be 32 bytes");
    }
    byte[] publicKey = Ed25519.publicKey(seed.toByteArray());
    return new RecordSigner(data -> Ed25519.sign(seed.toByteArray(), data), RecordSignatures.ed25519Spki(publicKey));
  }

  /** ECDSA P-256 with SHA-256; signatures are DER, as openssl expects. */
  public static RecordSigner ecdsaP256(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
    byte[] spki = publicKey.getEncoded();
    RecordSignatures.ecP256(spki);
    return new RecordSigner(data -> {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    }, spki);
  }

  /** The signer's SubjectPublicKeyInfo, DER (the records' {@code pubkey}). */
  public byte[] publicKeyInfo() {
    return publicKeyInfo.clone();
  }

  /** Signs {@code data} and returns the record. */
  public LogRecord sign(byte[] data) throws GeneralSecurityException, RecordException {
    byte[] signature = sign.sign(data);
    return LogRecord.of(data, signature, publicKeyInfo);
  }

  @Override
  public String toString() {
    return "RecordSigner[private key redacted]";
  }
}
