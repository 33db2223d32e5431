package dev.castellan.log;

import dev.castellan.core.signature.EcdsaCurve;
import dev.castellan.core.signature.EcdsaPrivateKey;
import dev.castellan.core.signature.EcdsaSignatureEncoding;
import dev.castellan.core.signature.EcdsaSigner;
import dev.castellan.core.signature.Ed25519PrivateKey;
import dev.castellan.core.signature.Ed25519Signer;
import dev.castellan.core.signature.PublicKeySign;
import java.security.GeneralSecurityException;

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

  /** Ed25519 (RFC 8032): the signature is over the data itself. */
  public static RecordSigner ed25519(Ed25519PrivateKey privateKey) {
    return new RecordSigner(Ed25519Signer.create(privateKey), privateKey.publicKey().toSpkiDer());
  }

  /** ECDSA P-256 with SHA-256; signatures are DER, as {@code openssl dgst} expects. */
  public static RecordSigner ecdsaP256(EcdsaPrivateKey privateKey) throws GeneralSecurityException {
    if (privateKey.curve() != EcdsaCurve.P_256) {
      throw new java.security.InvalidKeyException("record ECDSA keys must be on P-256");
    }
    return new RecordSigner(EcdsaSigner.create(privateKey, EcdsaSignatureEncoding.DER),
        privateKey.publicKey().toSpkiDer());
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
